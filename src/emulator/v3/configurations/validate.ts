// An Intelligence Configuration body (create, or PUT with rule ids) checked against the spec, its limits and the operators it names.
import type { Store } from '../../store.js';
import {
  allowOnly,
  fieldPath,
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  requireObject,
  requiredArray,
  requiredString,
  type JsonObject,
} from '../body.js';
import { invalidField } from '../errors.js';
import { isId, newId } from '../ids.js';
import { LIMITS } from '../limits.js';
import { operatorCollection, versionToRun, type OperatorVersionRecord } from '../operators/records.js';
import { matchesParameterType } from '../operators/validate.js';
import { TRIGGER_EVENTS, type Action, type RuleContext, type RuleOperator, type RuleRecord, type Trigger } from './records.js';

export interface ConfigurationFields {
  displayName: string;
  description?: string;
  rules: RuleRecord[];
}

interface Lookup {
  store: Store;
  accountSid: string;
  /** PUT: the rules a rule `id` may name. Create: undefined (rules get new ids). */
  existingRuleIds?: readonly string[];
}

export function readConfiguration(body: unknown, lookup: Lookup): ConfigurationFields {
  const object = requireObject(body, '');
  allowOnly(object, '', ['displayName', 'description', 'rules']);
  const displayName = requiredString(object, 'displayName', '', { maxLength: LIMITS.displayNameLength });
  const description = optionalString(object, 'description', '');
  const rules = requiredArray(object, 'rules', '', LIMITS.rulesPerConfiguration).map((rule, index) =>
    readRule(rule, fieldPath('rules', index), lookup),
  );
  const ids = rules.map((rule) => rule.id);
  const repeated = ids.findIndex((id, index) => ids.indexOf(id) !== index);
  if (repeated >= 0) throw invalidField(fieldPath(fieldPath('rules', repeated), 'id'), `rule ${ids[repeated]} is given twice`);
  return { displayName, ...(description === undefined ? {} : { description }), rules };
}

function readRule(raw: unknown, path: string, lookup: Lookup): RuleRecord {
  const rule = requireObject(raw, path);
  const updating = lookup.existingRuleIds !== undefined;
  allowOnly(rule, path, updating ? ['id', 'operators', 'triggers', 'actions', 'context'] : ['operators', 'triggers', 'actions', 'context']);
  const id = updating ? optionalString(rule, 'id', path) : undefined;
  if (id !== undefined && !lookup.existingRuleIds?.includes(id)) {
    throw invalidField(fieldPath(path, 'id'), `${id} is not a rule of this configuration (leave id out to add a rule)`);
  }
  const operators = requiredArray(rule, 'operators', path, LIMITS.operatorsPerRule);
  if (operators.length === 0) throw invalidField(fieldPath(path, 'operators'), 'a rule needs at least one operator');
  const context = readContext(optionalObject(rule, 'context', path), fieldPath(path, 'context'));
  return {
    id: id ?? newId('rule'),
    operators: operators.map((operator, index) => readRuleOperator(operator, fieldPath(fieldPath(path, 'operators'), index), lookup)),
    triggers: (optionalArray(rule, 'triggers', path, LIMITS.triggersPerRule) ?? []).map((trigger, index) =>
      readTrigger(trigger, fieldPath(fieldPath(path, 'triggers'), index)),
    ),
    actions: requiredArray(rule, 'actions', path, LIMITS.actionsPerRule).map((action, index) =>
      readAction(action, fieldPath(fieldPath(path, 'actions'), index)),
    ),
    ...(context === undefined ? {} : { context }),
  };
}

function readRuleOperator(raw: unknown, path: string, lookup: Lookup): RuleOperator {
  const entry = requireObject(raw, path);
  allowOnly(entry, path, ['id', 'version', 'parameters']);
  const id = requiredString(entry, 'id', path);
  const operator = isId('operator', id) ? operatorCollection(lookup.store).get(id) : undefined;
  if (!operator) throw invalidField(fieldPath(path, 'id'), `operator ${id} does not exist`);
  const version = optionalInteger(entry, 'version', path, 1, Number.MAX_SAFE_INTEGER);
  const resolved = versionToRun(operator, version);
  if (version !== undefined && !resolved) throw invalidField(fieldPath(path, 'version'), `operator ${id} has no version ${version}`);
  const parameters = optionalObject(entry, 'parameters', path);
  if (resolved) checkParameters(parameters ?? {}, resolved, fieldPath(path, 'parameters'));
  return { id, ...(version === undefined ? {} : { version }), ...(parameters === undefined ? {} : { parameters }) };
}

/** Values must be declared by the operator version and of its type; required ones without a default must be given. */
function checkParameters(values: JsonObject, version: OperatorVersionRecord, path: string): void {
  const declared = version.definition.parameters;
  for (const [name, value] of Object.entries(values)) {
    const definition = declared[name];
    if (!definition) throw invalidField(fieldPath(path, name), `operator version ${version.version} has no parameter ${name}`);
    if (!matchesParameterType(definition.type, value)) throw invalidField(fieldPath(path, name), `expected a ${definition.type}`);
  }
  for (const [name, definition] of Object.entries(declared)) {
    if (definition.required && definition.default === undefined && !(name in values)) {
      throw invalidField(fieldPath(path, name), 'is required by the operator and has no default');
    }
  }
}

function readTrigger(raw: unknown, path: string): Trigger {
  const trigger = requireObject(raw, path);
  allowOnly(trigger, path, ['on', 'parameters']);
  const on = requiredString(trigger, 'on', path, { oneOf: TRIGGER_EVENTS });
  const parameters = optionalObject(trigger, 'parameters', path);
  const result: Trigger = { on: TRIGGER_EVENTS.find((event) => event === on) ?? 'CONVERSATION_END' };
  if (parameters) {
    allowOnly(parameters, fieldPath(path, 'parameters'), ['count']);
    const count = optionalInteger(parameters, 'count', fieldPath(path, 'parameters'), LIMITS.triggerCountMin, LIMITS.triggerCountMax);
    result.parameters = count === undefined ? {} : { count };
  }
  return result;
}

function readAction(raw: unknown, path: string): Action {
  const action = requireObject(raw, path);
  allowOnly(action, path, ['type', 'method', 'url']);
  requiredString(action, 'type', path, { oneOf: ['WEBHOOK'] });
  requiredString(action, 'method', path, { oneOf: ['POST'] });
  const url = requiredString(action, 'url', path);
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw invalidField(fieldPath(path, 'url'), `'${url}' is not an http(s) URL`);
  return { type: 'WEBHOOK', method: 'POST', url };
}

function readContext(context: JsonObject | undefined, path: string): RuleContext | undefined {
  if (!context) return undefined;
  allowOnly(context, path, ['memory', 'knowledge']);
  const result: RuleContext = {};
  const memory = optionalObject(context, 'memory', path);
  if (memory) {
    allowOnly(memory, fieldPath(path, 'memory'), ['enabled']);
    const enabled = optionalBoolean(memory, 'enabled', fieldPath(path, 'memory'));
    result.memory = enabled === undefined ? {} : { enabled };
  }
  const knowledge = optionalObject(context, 'knowledge', path);
  if (knowledge) {
    const where = fieldPath(path, 'knowledge');
    allowOnly(knowledge, where, ['bases']);
    const bases = requiredArray(knowledge, 'bases', where);
    if (bases.length === 0 || !bases.every((base) => typeof base === 'string')) {
      throw invalidField(fieldPath(where, 'bases'), 'expected at least one knowledge base id');
    }
    result.knowledge = { bases: bases.filter((base): base is string => typeof base === 'string') };
  }
  return result;
}
