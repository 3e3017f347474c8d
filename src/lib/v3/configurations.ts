// v3 Intelligence Configurations: rules of operators, one trigger and webhook actions. Plain functions, no IO.
import type { Twilio } from 'twilio';
import { ApiError, NotFoundError, UsageError } from '../errors.js';
import { toPlain } from '../output/format.js';
import type { Row } from '../output/types.js';
import type { TriggerOn } from './names.js';
import { operatorId, splitVersionRef } from './operators.js';

export type { TriggerOn };

export const MAX_RULES = 5;
export const MAX_OPERATORS_PER_RULE = 5;
export const MAX_ACTIONS = 2;

export interface RuleOperator {
  id: string;
  version?: number;
  parameters?: Record<string, unknown>;
}
export interface Rule {
  id?: string;
  operators: RuleOperator[];
  triggers: { on: TriggerOn; parameters?: { count: number } }[];
  actions: { type: 'WEBHOOK'; method: 'POST'; url: string }[];
}
export interface Configuration {
  id: string;
  displayName: string;
  description?: string;
  version: number;
  rules: Rule[];
}

type CreateBody = Parameters<Twilio['intelligence']['v3']['configurations']['create']>[0];
const CONFIGURATION_ID = /^intelligence_configuration_[0-7][0-9a-z]{25}$/;

/** Every limit the API enforces on rules, checked before a request; [] when fine. */
export function ruleProblems(rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  if (rules.length > MAX_RULES) problems.push(`${rules.length} rules, at most ${MAX_RULES} are allowed`);
  rules.forEach((rule, index) => {
    const at = `rule ${index + 1}`;
    if (rule.operators.length === 0) problems.push(`${at}: a rule needs at least one operator`);
    if (rule.operators.length > MAX_OPERATORS_PER_RULE)
      problems.push(`${at}: ${rule.operators.length} operators, at most ${MAX_OPERATORS_PER_RULE} are allowed`);
    if (rule.triggers.length > 1) problems.push(`${at}: ${rule.triggers.length} triggers, at most 1 is allowed`);
    if (rule.actions.length > MAX_ACTIONS) problems.push(`${at}: ${rule.actions.length} actions, at most ${MAX_ACTIONS} are allowed`);
  });
  return problems;
}

function assertRules(rules: readonly Rule[]): void {
  const problems = ruleProblems(rules);
  if (problems.length) throw new UsageError(`invalid configuration: ${problems.join('; ')}`);
}

/** `NAME`, `ID`, `NAME@N`: an operator of a rule, pinned to version N or following the latest active one. */
export async function ruleOperator(client: Twilio, ref: string): Promise<RuleOperator> {
  const { ref: name, version } = splitVersionRef(ref);
  return { id: await operatorId(client, name), ...(version === undefined ? {} : { version }) };
}

export function listConfigurations(client: Twilio): Promise<Row[]> {
  return client.intelligence.v3.configurations.list({ pageSize: 1000 }).then((all) => all.map((item) => toPlain<Row>(item)));
}

export async function resolveConfiguration(client: Twilio, ref: string): Promise<Configuration> {
  if (CONFIGURATION_ID.test(ref)) return toPlain(await client.intelligence.v3.configurations(ref).fetch());
  const matches = (await listConfigurations(client)).filter((item) => item.displayName === ref);
  const [only, ...more] = matches;
  if (!only) throw new NotFoundError(`no configuration named "${ref}"`, { hint: 'see `ci configurations list`' });
  if (more.length) throw new UsageError(`${matches.length} configurations are named "${ref}"`, { hint: 'give its ID' });
  return toPlain(only);
}

function sdkBody(body: { displayName: string; description?: string; rules: Rule[] }): CreateBody {
  // The SDK types rule operator parameters as Record<string, object>; values are plain JSON (5, 'plain').
  return body as unknown as CreateBody;
}

export async function createConfiguration(
  client: Twilio,
  body: { displayName: string; description?: string; rules: Rule[] },
): Promise<Row> {
  assertRules(body.rules);
  return toPlain(await client.intelligence.v3.configurations.create(sdkBody(body)));
}

/**
 * Replaces a configuration's rules by `change`. The API has no If-Match for configurations, so this reads
 * it, changes it, reads `version` again just before the PUT and refuses if it moved. A writer that lands
 * between that second read and the PUT is still overwritten: the window is one round trip, not zero.
 */
export async function changeConfiguration(
  client: Twilio,
  current: Configuration,
  change: (configuration: Configuration) => Configuration,
): Promise<Row> {
  const next = change(current);
  assertRules(next.rules);
  const latest = toPlain<Configuration>(await client.intelligence.v3.configurations(current.id).fetch());
  if (latest.version !== current.version) {
    throw new ApiError(
      `conflict: configuration ${current.id} is no longer at version ${current.version} (now ${latest.version}); nothing was changed`,
      {
        hint: 'show it again and retry',
      },
    );
  }
  const body = { displayName: next.displayName, description: next.description, rules: next.rules.map(stripRule) };
  return toPlain(await client.intelligence.v3.configurations(current.id).update(sdkBody(body)));
}

/** What a PUT takes of a rule: its id (kept, so the rule is updated rather than replaced) and parts. */
function stripRule({ id, operators, triggers, actions }: Rule): Rule {
  return { ...(id ? { id } : {}), operators, triggers, actions };
}

/** A rule by its ID or 1-based position (rules have no names). */
export function ruleIndex(configuration: Configuration, ref: string): number {
  const index = /^\d+$/.test(ref) ? Number(ref) - 1 : configuration.rules.findIndex((rule) => rule.id === ref);
  if (index < 0 || index >= configuration.rules.length) {
    throw new NotFoundError(`configuration "${configuration.displayName}" has no rule ${ref}`, {
      hint: `it has ${configuration.rules.length} rule(s): give a position from 1 or a rule ID`,
    });
  }
  return index;
}

export async function deleteConfiguration(client: Twilio, id: string): Promise<void> {
  await client.intelligence.v3.configurations(id).remove();
}

/** Rules as a readable tree: trigger → operators@version → actions. */
export function ruleTree(configuration: Configuration, operatorNames: ReadonlyMap<string, string>): string {
  const lines = [`${configuration.displayName} (${configuration.id}, version ${configuration.version})`];
  configuration.rules.forEach((rule, index) => {
    const trigger = rule.triggers[0];
    const on = trigger ? `${trigger.on}${trigger.parameters?.count ? ` every ${trigger.parameters.count}` : ''}` : 'CONVERSATION_END';
    lines.push(`  rule ${index + 1} ${rule.id ?? ''}`.trimEnd(), `    on ${on}`);
    for (const operator of rule.operators) {
      const name = operatorNames.get(operator.id) ?? operator.id;
      const parameters = operator.parameters && Object.keys(operator.parameters).length ? ` ${JSON.stringify(operator.parameters)}` : '';
      lines.push(`    → ${name}@${operator.version ?? 'latest'}${parameters}`);
    }
    for (const action of rule.actions) lines.push(`    ⇒ ${action.type} ${action.method} ${action.url}`);
  });
  return lines.join('\n');
}
