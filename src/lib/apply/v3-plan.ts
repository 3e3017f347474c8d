// The v3 part of the plan: Language Operators, then the Intelligence Configurations whose rules use
// them, then the conversation configurations that run those (conversation-plan.ts). Pure: desired + current in, steps out. Rules are matched by position (they have no names), so
// an updated rule keeps its ID and the results already made under it.
import { UsageError } from '../errors.js';
import { assertNameFree, findByName, namesakeIds, type NamedOperator } from '../operator-names.js';
import type { Row } from '../output/types.js';
import type { Configuration, Rule } from '../v3/configurations.js';
import { operatorProblems, type OperatorDefinition } from '../v3/operator-definition.js';
import { definitionOf, isOperatorId } from '../v3/operators.js';
import { planConversationConfigurations, type ConversationStep } from './conversation-plan.js';
import type { FieldChange } from './field-change.js';
import type { CurrentV3 } from './state.js';
import { withDefaults, type DesiredConfiguration, type DesiredRule, type DesiredV3, type DesiredV3Operator } from './v3-load.js';

/** A rule operator as planned: `id` is absent when the operator is created by an earlier step. */
export interface PlannedRuleOperator {
  id?: string;
  name: string;
  version?: number;
  parameters?: Record<string, unknown>;
}

export interface PlannedRule extends Omit<Rule, 'operators'> {
  operators: PlannedRuleOperator[];
  context?: Record<string, unknown>;
}

export interface PlannedConfiguration {
  displayName: string;
  description?: string;
  rules: PlannedRule[];
}

export type V3Step =
  | { action: 'create'; kind: 'v3-operator'; name: string; definition: OperatorDefinition; changes: FieldChange[] }
  | {
      action: 'update';
      kind: 'v3-operator';
      name: string;
      id: string;
      version: number;
      definition: OperatorDefinition;
      changes: FieldChange[];
    }
  | { action: 'create'; kind: 'configuration'; name: string; configuration: PlannedConfiguration; changes: FieldChange[] }
  | {
      action: 'update';
      kind: 'configuration';
      name: string;
      id: string;
      version: number;
      /** The configuration as the plan read it: the update refuses to run if its version moved. */
      current: Configuration;
      configuration: PlannedConfiguration;
      changes: FieldChange[];
    }
  | { action: 'delete'; kind: 'v3-operator' | 'configuration'; name: string; id: string }
  | ConversationStep;

export interface V3PlanOptions {
  prune?: boolean;
  allowDuplicateName?: boolean;
  /** Equality of two values whatever their key order. */
  same: (a: unknown, b: unknown) => boolean;
}

/** The file's names for the definition's fields, as the plan shows them. */
const FILE_KEYS: Record<keyof OperatorDefinition, string> = {
  displayName: 'displayName',
  description: 'description',
  prompt: 'prompt',
  outputFormat: 'outputFormat',
  outputSchema: 'schema',
  trainingExamples: 'examples',
  parameters: 'parameters',
  context: 'context',
};

const named = (row: Row): NamedOperator => ({ id: String(row.id), name: String(row.displayName) });
const own = (operators: Row[]) => operators.filter((row) => row.author !== 'TWILIO');

/** The account's operator a file item means: by its id, else by its display name among the account's own. */
function matchOperator(operator: DesiredV3Operator, current: CurrentV3): Row | undefined {
  if (operator.id !== undefined) {
    const row = current.operators.find((candidate) => candidate.id === operator.id);
    if (!row) throw new UsageError(`${operator.where}: no v3 operator ${operator.id} in this account`, { hint: 'see `ci operators list`' });
    if (row.author === 'TWILIO')
      throw new UsageError(`${operator.where}: ${operator.id} is a Twilio-authored operator; it cannot be changed`);
    return row;
  }
  const matches = findByName(
    own(current.operators).map((row) => ({ ...named(row), row })),
    operator.displayName,
    { exact: true },
  );
  if (matches.length > 1)
    throw new UsageError(`${operator.where}: v3 operator name "${operator.displayName}" is shared by ${namesakeIds(matches)}`, {
      hint: 'add `id:` to the item to say which one the file means (`ci export` writes it)',
    });
  return matches[0]?.row;
}

function assertDefinition(definition: OperatorDefinition, where: string): void {
  const problems = operatorProblems(definition);
  if (problems.length) throw new UsageError(`${where}: v3 operator "${definition.displayName}": ${problems.join('; ')}`);
}

function operatorStep(operator: DesiredV3Operator, row: Row | undefined, current: CurrentV3, options: V3PlanOptions): V3Step | undefined {
  if (!row) {
    assertNameFree(current.operators.map(named), operator.displayName, {
      exact: true,
      where: operator.where,
      allowDuplicate: options.allowDuplicateName,
    });
    const definition = withDefaults(operator);
    const changes = (Object.keys(definition) as Array<keyof OperatorDefinition>)
      .filter((field) => field === 'displayName' || field === 'outputFormat' || field in operator.fields)
      .map((field) => ({ field: FILE_KEYS[field], from: null, to: definition[field] }));
    return { action: 'create', kind: 'v3-operator', name: operator.displayName, definition, changes };
  }
  const was = definitionOf(row);
  const definition: OperatorDefinition = { ...was, ...operator.fields, displayName: operator.displayName };
  assertDefinition(definition, operator.where);
  const changes = (Object.keys(definition) as Array<keyof OperatorDefinition>)
    .filter((field) => !options.same(was[field], definition[field]))
    .map((field) => ({ field: FILE_KEYS[field], from: was[field] ?? null, to: definition[field] ?? null }));
  if (!changes.length) return undefined;
  return {
    action: 'update',
    kind: 'v3-operator',
    name: operator.displayName,
    id: String(row.id),
    version: Number(row.version),
    definition,
    changes,
  };
}

/** A rule's operator: an ID, an operator of the file (existing or to be created), else one of the account's by name. */
function resolveRuleOperator(
  ref: DesiredRule['operators'][number],
  desired: DesiredV3,
  current: CurrentV3,
  matched: ReadonlyMap<DesiredV3Operator, Row | undefined>,
): PlannedRuleOperator {
  const extra = {
    ...(ref.version === undefined ? {} : { version: ref.version }),
    ...(ref.parameters === undefined ? {} : { parameters: ref.parameters }),
  };
  if (isOperatorId(ref.ref)) {
    const row = current.operators.find((operator) => operator.id === ref.ref);
    if (!row) throw new UsageError(`${ref.where}: no v3 operator ${ref.ref} in this account`, { hint: 'see `ci operators list`' });
    return { id: ref.ref, name: String(row.displayName), ...extra };
  }
  const ours = desired.operators.filter((operator) => operator.displayName === ref.ref);
  if (ours.length > 1)
    throw new UsageError(`${ref.where}: v3 operator name "${ref.ref}" is shared by ${ours.length} operators of the file`, {
      hint: 'refer to one by its ID',
    });
  const [mine] = ours;
  if (mine) {
    const row = matched.get(mine);
    return { ...(row ? { id: String(row.id) } : {}), name: mine.displayName, ...extra };
  }
  const rows = current.operators.filter((operator) => operator.displayName === ref.ref);
  const [row, ...more] = rows;
  if (more.length)
    throw new UsageError(`${ref.where}: v3 operator name "${ref.ref}" is shared by ${namesakeIds(rows.map(named))}`, {
      hint: 'refer to one by its ID',
    });
  if (!row)
    throw new UsageError(`${ref.where}: no v3 operator named "${ref.ref}" in the file or the account`, {
      hint: 'see `ci --generation v3 operators list`',
    });
  return { id: String(row.id), name: ref.ref, ...extra };
}

/** A rule's context, which the SDK's Rule type leaves out although the API returns it. */
function contextOf(rule: object): Record<string, unknown> | undefined {
  return 'context' in rule && typeof rule.context === 'object' && rule.context !== null ? { ...rule.context } : undefined;
}

/** A rule as the API holds it, for comparing: operator IDs, no rule ID, no empty parameters. */
function comparable(rule: PlannedRule | Rule): unknown {
  return {
    operators: rule.operators.map(({ id, version, parameters }) => ({
      id,
      version,
      parameters: parameters && Object.keys(parameters).length ? parameters : undefined,
    })),
    triggers: rule.triggers,
    actions: rule.actions.map(({ type, method, url }) => ({ type, method, url })),
    context: contextOf(rule),
  };
}

/** Rules in the file's terms (operators by name), as the plan shows them. */
export function rulesShown(rules: readonly PlannedRule[]): unknown[] {
  return rules.map((rule) => ({
    operators: rule.operators.map((operator) =>
      operator.parameters && Object.keys(operator.parameters).length
        ? {
            operator: operator.name,
            ...(operator.version === undefined ? {} : { version: operator.version }),
            parameters: operator.parameters,
          }
        : `${operator.name}${operator.version === undefined ? '' : `@${operator.version}`}`,
    ),
    ...(rule.triggers.length ? { triggers: rule.triggers } : {}),
    ...(rule.actions.length ? { actions: rule.actions.map((action) => ({ url: action.url })) } : {}),
    ...(rule.context === undefined ? {} : { context: rule.context }),
  }));
}

export function currentRulesPlanned(configuration: Configuration, names: ReadonlyMap<string, string>): PlannedRule[] {
  return configuration.rules.map((rule) => ({
    ...rule,
    operators: rule.operators.map((operator) => ({ ...operator, name: names.get(operator.id) ?? operator.id })),
  }));
}

function matchConfiguration(configuration: DesiredConfiguration, current: CurrentV3): Configuration | undefined {
  if (configuration.id !== undefined) {
    const found = current.configurations.find((candidate) => candidate.id === configuration.id);
    if (!found) throw new UsageError(`${configuration.where}: no configuration ${configuration.id} in this account`);
    return found;
  }
  const matches = current.configurations.filter((candidate) => candidate.displayName === configuration.displayName);
  if (matches.length > 1)
    throw new UsageError(
      `${configuration.where}: configuration name "${configuration.displayName}" is shared by ${matches.map((match) => match.id).join(', ')}`,
      { hint: 'add `id:` to the item to say which one the file means (`ci export` writes it)' },
    );
  return matches[0];
}

function configurationStep(
  configuration: DesiredConfiguration,
  found: Configuration | undefined,
  rules: PlannedRule[] | undefined,
  names: ReadonlyMap<string, string>,
  options: V3PlanOptions,
): V3Step | undefined {
  const name = configuration.displayName;
  if (!found) {
    const planned: PlannedConfiguration = {
      displayName: name,
      ...(configuration.description === undefined ? {} : { description: configuration.description }),
      rules: rules ?? [],
    };
    const changes = [
      { field: 'displayName', from: null, to: name },
      ...(configuration.description === undefined ? [] : [{ field: 'description', from: null, to: configuration.description }]),
      { field: 'rules', from: null, to: rulesShown(planned.rules) },
    ];
    return { action: 'create', kind: 'configuration', name, configuration: planned, changes };
  }
  const was = currentRulesPlanned(found, names);
  // Matched by position: a kept rule keeps its ID, and its context unless the file gives one.
  const next = (rules ?? was).map((rule, index) => {
    const old = found.rules[index];
    const context = rule.context ?? (old ? contextOf(old) : undefined);
    return { ...rule, ...(old?.id ? { id: old.id } : {}), ...(context === undefined ? {} : { context }) };
  });
  const planned: PlannedConfiguration = { displayName: name, description: configuration.description ?? found.description, rules: next };
  const changes: FieldChange[] = [];
  if (name !== found.displayName) changes.push({ field: 'displayName', from: found.displayName, to: name });
  if (configuration.description !== undefined && configuration.description !== (found.description ?? ''))
    changes.push({ field: 'description', from: found.description ?? null, to: configuration.description });
  const rulesChanged =
    next.length !== was.length ||
    next.some((rule) => !rule.operators.every((operator) => operator.id)) ||
    !options.same(next.map(comparable), was.map(comparable));
  if (rules && rulesChanged) changes.push({ field: 'rules', from: rulesShown(was), to: rulesShown(next) });
  if (!changes.length) return undefined;
  return {
    action: 'update',
    kind: 'configuration',
    name,
    id: found.id,
    version: found.version,
    current: found,
    configuration: planned,
    changes,
  };
}

/** The v3 steps for the file's `v3:` section, unordered (the caller sorts all steps by kind). */
export function planV3(desired: DesiredV3, current: CurrentV3 | undefined, options: V3PlanOptions): V3Step[] {
  if (!current) return [];
  const steps: V3Step[] = [];
  const matched = new Map<DesiredV3Operator, Row | undefined>();
  for (const operator of desired.operators) {
    const row = matchOperator(operator, current);
    matched.set(operator, row);
    const step = operatorStep(operator, row, current, options);
    if (step) steps.push(step);
  }
  const names = new Map(current.operators.map((row) => [String(row.id), String(row.displayName)]));
  const kept = new Set<string>();
  const matchedConfigurations = new Map<DesiredConfiguration, Configuration | undefined>();
  for (const configuration of desired.configurations) {
    const found = matchConfiguration(configuration, current);
    matchedConfigurations.set(configuration, found);
    if (found) kept.add(found.id);
    const rules = configuration.rules?.map((rule): PlannedRule => ({
      ...rule,
      operators: rule.operators.map((ref) => resolveRuleOperator(ref, desired, current, matched)),
    }));
    const step = configurationStep(configuration, found, rules, names, options);
    if (step) steps.push(step);
  }
  const pruned =
    options.prune && desired.sections.configurations ? current.configurations.filter((candidate) => !kept.has(candidate.id)) : [];
  for (const configuration of pruned)
    steps.push({ action: 'delete', kind: 'configuration', name: configuration.displayName, id: configuration.id });
  steps.push(
    ...planConversationConfigurations({
      desired,
      current,
      matched: matchedConfigurations,
      pruned: new Set(pruned.map((configuration) => configuration.id)),
      prune: Boolean(options.prune),
      same: options.same,
    }),
  );
  if (options.prune && desired.sections.operators) {
    const keptOperators = new Set([...matched.values()].flatMap((row) => (row ? [String(row.id)] : [])));
    for (const row of own(current.operators).filter((candidate) => !keptOperators.has(String(candidate.id))))
      steps.push({ action: 'delete', kind: 'v3-operator', name: String(row.displayName), id: String(row.id) });
  }
  return steps;
}
