// The generation rule (lib/generation.ts) fed from the context: the flag, the environment, the profile.
import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import { describe, requireV3, resolveGeneration, type Generation } from '../../lib/generation.js';
import type { Run, VerbShape } from '../spec.js';

/** The generation a command on a noun both generations have works on, given the IDs or names it was handed. */
export function generationFor(ctx: Context, ...refs: (string | undefined)[]): Promise<Generation> {
  return resolveGeneration({
    refs,
    flag: ctx.globals.generation,
    env: ctx.env.TWILIO_CI_GENERATION,
    profile: async () => (await ctx.credentials()).generation,
  });
}

/** For nouns only v3 has: refuses an explicit classic. */
export function onlyV3(ctx: Context, noun: string): void {
  requireV3(ctx.globals.generation, ctx.env.TWILIO_CI_GENERATION, noun);
}

type RunModule<S extends VerbShape> = Promise<{ run: Run<S> }>;

interface Generational<S extends VerbShape> {
  classic: () => RunModule<S>;
  v3: () => RunModule<S>;
  /** Option keys only one generation takes; given to the other they are refused, never ignored. */
  classicOnly?: readonly string[];
  v3Only?: readonly string[];
}

function refsOf(args: readonly unknown[]): string[] {
  const values: unknown[] = args.flatMap((value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]));
  return values.filter((value): value is string => typeof value === 'string');
}

function refuseForeignFlags(options: object, keys: readonly string[], generation: Generation): void {
  const given = Object.entries(options).filter(([key, value]) => keys.includes(key) && value !== undefined);
  if (given.length === 0) return;
  const names = given.map(([key]) => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);
  throw new UsageError(`${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not for ${describe(generation)} operators`, {
    hint: `the generation in effect is ${describe(generation)} (see README, "Two generations"); give --generation or an ID`,
  });
}

/** A verb both generations have: the generation rule picks which implementation runs. */
export function byGeneration<S extends VerbShape>({ classic, v3, classicOnly = [], v3Only = [] }: Generational<S>): RunModule<S> {
  const run: Run<S> = async (ctx, options, ...args) => {
    const generation = await generationFor(ctx, ...refsOf(args));
    refuseForeignFlags(options, generation === 'v3' ? classicOnly : v3Only, generation);
    const chosen = await (generation === 'v3' ? v3() : classic());
    return chosen.run(ctx, options, ...args);
  };
  return Promise.resolve({ run });
}
