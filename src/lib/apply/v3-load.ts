// The `v3:` section of a configuration file: Language Operators (parts inline or by file, checked as
// `ci operators create` checks them) and Intelligence Configurations whose rules name operators.
import type { Rule } from '../v3/configurations.js';
import type { OutputFormat } from '../v3/names.js';
import { operatorProblems, type OperatorDefinition, type OperatorParameter } from '../v3/operator-definition.js';
import { splitVersionRef } from '../v3/operators.js';
import {
  loadConversationConfigurations,
  type DesiredConversationConfiguration,
  type FileConversationConfiguration,
} from './conversation-load.js';
import { displayNameKeys, duplicates, isHttpUrl, readParts, type FileAccess, type FileParts } from './parts.js';
import type { PathSegment, Problem, SourceFile } from './source.js';

interface FileV3Operator extends FileParts {
  displayName: string;
  id?: string;
  description?: string;
  outputFormat?: OutputFormat;
  parameters?: Record<string, OperatorParameter>;
  context?: { memory?: boolean; knowledge?: boolean };
}

type FileRuleOperator = string | { operator: string; version?: number; parameters?: Record<string, unknown> };

interface FileRule {
  operators: FileRuleOperator[];
  triggers?: Rule['triggers'];
  actions?: Array<{ type?: 'WEBHOOK'; method?: 'POST'; url: string }>;
  context?: Record<string, unknown>;
}

interface FileConfiguration {
  displayName: string;
  id?: string;
  description?: string;
  rules?: FileRule[];
}

export interface FileV3 {
  operators?: FileV3Operator[];
  configurations?: FileConfiguration[];
  conversationConfigurations?: FileConversationConfiguration[];
}

/** The fields of an operator definition a file may manage (all but the display name). */
export type ManagedOperatorField = Exclude<keyof OperatorDefinition, 'displayName'>;

export interface DesiredV3Operator {
  displayName: string;
  /** Given only to pick one of several operators that share the name. */
  id?: string;
  /** Only the fields the file gives: the others are left as they are (or default, for a new operator). */
  fields: Partial<Pick<OperatorDefinition, ManagedOperatorField>>;
  where: string;
}

export interface DesiredRuleOperator {
  /** A displayName or an operator ID. */
  ref: string;
  version?: number;
  parameters?: Record<string, unknown>;
  where: string;
}

export interface DesiredRule {
  operators: DesiredRuleOperator[];
  triggers: Rule['triggers'];
  actions: Rule['actions'];
  context?: Record<string, unknown>;
}

export interface DesiredConfiguration {
  displayName: string;
  id?: string;
  description?: string;
  /** Absent: the configuration's rules are left as they are. */
  rules?: DesiredRule[];
  where: string;
}

export interface DesiredV3 {
  operators: DesiredV3Operator[];
  configurations: DesiredConfiguration[];
  /** Absent when the file has no such list (so --prune leaves the account's alone). */
  conversationConfigurations?: DesiredConversationConfiguration[];
  /** Which lists the file has: --prune never deletes the kind of thing a file does not mention. */
  sections: { operators: boolean; configurations: boolean };
}

export const NO_V3: DesiredV3 = { operators: [], configurations: [], sections: { operators: false, configurations: false } };

/** What a new operator gets for each field the file leaves out. */
export function withDefaults(operator: DesiredV3Operator): OperatorDefinition {
  const { fields } = operator;
  return {
    displayName: operator.displayName,
    description: fields.description ?? '',
    prompt: fields.prompt ?? '',
    outputFormat: fields.outputFormat ?? (fields.outputSchema === undefined ? 'TEXT' : 'JSON'),
    ...(fields.outputSchema === undefined ? {} : { outputSchema: fields.outputSchema }),
    trainingExamples: fields.trainingExamples ?? [],
    parameters: fields.parameters ?? {},
    context: fields.context ?? { memory: { enabled: false }, knowledge: { enabled: false } },
  };
}

async function v3Operator(
  item: FileV3Operator,
  path: PathSegment[],
  access: FileAccess,
  source: SourceFile,
  problems: Problem[],
): Promise<DesiredV3Operator> {
  const parts = await readParts(item, path, access, problems);
  if (parts.prompt === undefined && item.promptFile === undefined)
    problems.push({ path, message: `v3 operator "${item.displayName}" needs prompt or promptFile` });
  if (parts.schema !== undefined && (typeof parts.schema !== 'object' || parts.schema === null || Array.isArray(parts.schema)))
    problems.push({ path: [...path, 'schemaFile'], message: 'the output schema must be a JSON object' });
  const schema = parts.schema as Record<string, unknown> | undefined;
  const given = <T>(value: T | undefined, field: ManagedOperatorField) => (value === undefined ? {} : { [field]: value });
  const fields: DesiredV3Operator['fields'] = {
    ...given(item.description, 'description'),
    ...given(parts.prompt, 'prompt'),
    ...given(item.outputFormat, 'outputFormat'),
    ...given(schema, 'outputSchema'),
    ...(item.examples !== undefined || item.examplesFile !== undefined ? { trainingExamples: parts.examples } : {}),
    ...given(item.parameters, 'parameters'),
    ...(item.context === undefined
      ? {}
      : { context: { memory: { enabled: item.context.memory ?? false }, knowledge: { enabled: item.context.knowledge ?? false } } }),
  };
  const desired: DesiredV3Operator = {
    displayName: item.displayName,
    ...(item.id === undefined ? {} : { id: item.id }),
    fields,
    where: source.where(path),
  };
  // Checked from the file alone, as `ci operators create` would check it; a prompt that cannot be read is reported already.
  if (parts.prompt !== undefined)
    problems.push(
      ...operatorProblems(withDefaults(desired)).map((message) => ({ path, message: `v3 operator "${item.displayName}": ${message}` })),
    );
  return desired;
}

function ruleOperatorOf(operator: FileRuleOperator, path: PathSegment[], source: SourceFile, problems: Problem[]): DesiredRuleOperator {
  const where = source.where(path);
  if (typeof operator === 'string') {
    const { ref, version } = splitVersionRef(operator);
    return { ref, ...(version === undefined ? {} : { version }), where };
  }
  const { ref, version } = splitVersionRef(operator.operator);
  if (version !== undefined && operator.version !== undefined)
    problems.push({ path: [...path, 'version'], key: true, message: `give ${operator.operator} or version, not both` });
  const pinned = operator.version ?? version;
  return {
    ref,
    ...(pinned === undefined ? {} : { version: pinned }),
    ...(operator.parameters === undefined ? {} : { parameters: operator.parameters }),
    where,
  };
}

function ruleOf(rule: FileRule, path: PathSegment[], source: SourceFile, problems: Problem[]): DesiredRule {
  return {
    operators: rule.operators.map((operator, index) => ruleOperatorOf(operator, [...path, 'operators', index], source, problems)),
    triggers: rule.triggers ?? [],
    actions: (rule.actions ?? []).map(({ url }) => ({ type: 'WEBHOOK', method: 'POST', url })),
    ...(rule.context === undefined ? {} : { context: rule.context }),
  };
}

function webhookProblems(rules: FileRule[] | undefined, path: PathSegment[]): Problem[] {
  return (rules ?? []).flatMap((rule, index) =>
    (rule.actions ?? []).flatMap((action, at) =>
      isHttpUrl(action.url)
        ? []
        : [{ path: [...path, 'rules', index, 'actions', at, 'url'], message: `${action.url} is not an http(s) URL` }],
    ),
  );
}

/** The v3 section, checked; problems are collected for the caller's one error. */
export async function loadV3(v3: FileV3 | undefined, access: FileAccess, source: SourceFile, problems: Problem[]): Promise<DesiredV3> {
  if (v3 === undefined) return NO_V3;
  const fileOperators = v3.operators ?? [];
  const fileConfigurations = v3.configurations ?? [];
  // v3 names are exact (as the v3 commands resolve them); two items may share one when each gives its id.
  duplicates(displayNameKeys(fileOperators), 'v3 operator', ['v3', 'operators'], problems);
  duplicates(displayNameKeys(fileConfigurations), 'configuration', ['v3', 'configurations'], problems);
  const operators: DesiredV3Operator[] = [];
  for (const [index, item] of fileOperators.entries())
    operators.push(await v3Operator(item, ['v3', 'operators', index], access, source, problems));
  const configurations = fileConfigurations.map((item, index): DesiredConfiguration => {
    const path = ['v3', 'configurations', index];
    problems.push(...webhookProblems(item.rules, path));
    return {
      displayName: item.displayName,
      ...(item.id === undefined ? {} : { id: item.id }),
      ...(item.description === undefined ? {} : { description: item.description }),
      ...(item.rules === undefined ? {} : { rules: item.rules.map((rule, at) => ruleOf(rule, [...path, 'rules', at], source, problems)) }),
      where: source.where(path),
    };
  });
  const conversationConfigurations = loadConversationConfigurations(v3.conversationConfigurations, source, problems);
  return {
    operators,
    configurations,
    ...(conversationConfigurations === undefined ? {} : { conversationConfigurations }),
    sections: { operators: v3.operators !== undefined, configurations: v3.configurations !== undefined },
  };
}
