// Which Conversational Intelligence API a command talks to: "classic" (v2, LY…/GT… SIDs) or "v3"
// (intelligence_operator_…/conv_conversation_… IDs). Never a guess: an ID decides, else what the user set.
import { UsageError } from './errors.js';
import type { GlobalOptions } from './io-types.js';
import { looksLikeSid } from './sid.js';

export type Generation = NonNullable<GlobalOptions['generation']>;

export const GENERATIONS: readonly Generation[] = ['classic', 'v3'];

/** v3 IDs are `<prefix>_…` (the spec's patterns); v2 SIDs are two capitals and 32 hex digits. */
const V3_ID = /^(intelligence_(operator|configuration|configurationrule|operatorresult)|conv_(conversation|participant|communication))_/;

/** The generation an ID belongs to; undefined for a name (a display or friendly name fits either). */
export function generationOfId(value: string): Generation | undefined {
  if (V3_ID.test(value)) return 'v3';
  if (looksLikeSid(value, 'LY') || looksLikeSid(value, 'GT') || looksLikeSid(value, 'GA')) return 'classic';
  return undefined;
}

export interface GenerationSources {
  /** The IDs or names the command was given (names say nothing). */
  refs?: readonly (string | undefined)[];
  /** `--generation`. */
  flag?: Generation;
  /** TWILIO_CI_GENERATION, unchecked. */
  env?: string;
  /** The profile's `generation` setting, read only when nothing before it decides. */
  profile?: () => Promise<Generation | undefined>;
}

function fromEnv(value: string | undefined): Generation | undefined {
  if (value === undefined || value === '') return undefined;
  const known = GENERATIONS.find((generation) => generation === value.toLowerCase());
  if (!known) throw new UsageError(`TWILIO_CI_GENERATION must be one of ${GENERATIONS.join(', ')} (got "${value}")`);
  return known;
}

/**
 * The one rule: the ID given, else `--generation`, else TWILIO_CI_GENERATION, else the profile's setting,
 * else classic. An ID contradicting `--generation` (or two IDs of different generations) is a usage error.
 */
export async function resolveGeneration({ refs = [], flag, env, profile }: GenerationSources): Promise<Generation> {
  const byId = new Map<Generation, string>();
  for (const ref of refs) {
    const generation = ref === undefined ? undefined : generationOfId(ref);
    if (generation && ref !== undefined && !byId.has(generation)) byId.set(generation, ref);
  }
  if (byId.size > 1) {
    throw new UsageError(`"${byId.get('classic')}" is a classic (v2) ID and "${byId.get('v3')}" a v3 ID: give IDs of one generation`);
  }
  const [entry] = byId;
  if (entry) {
    const [generation, ref] = entry;
    if (flag && flag !== generation) {
      throw new UsageError(`"${ref}" is a ${describe(generation)} ID, but --generation ${flag} was given`, {
        hint: `drop --generation or give a ${describe(flag)} ID`,
      });
    }
    return generation;
  }
  return flag ?? fromEnv(env) ?? (await profile?.()) ?? 'classic';
}

/** For messages and table titles: "classic (v2)" or "v3". */
export function describe(generation: Generation): string {
  return generation === 'classic' ? 'classic (v2)' : 'v3';
}

/** New nouns (configurations, conversations, rules) exist only in v3: an explicit classic is refused. */
export function requireV3(flag: Generation | undefined, env: string | undefined, noun: string): void {
  const chosen = flag ?? fromEnv(env);
  if (chosen === 'classic') {
    throw new UsageError(`${noun} exist only in Conversational Intelligence v3, but the generation in effect is classic`, {
      hint: flag ? 'drop --generation classic' : 'unset TWILIO_CI_GENERATION or set it to v3',
    });
  }
}
