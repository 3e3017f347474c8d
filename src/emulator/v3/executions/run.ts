// POST /v3/RuleExecutions: resolve configuration, rule and conversation (404 each), derive the memory store (422),
// then run each of the rule's operators and store one OperatorResult per operator that could run.
import type { Store } from '../../store.js';
import { allowOnly, fieldPath, optionalArray, optionalObject, requireObject, requiredString, type JsonObject } from '../body.js';
import { configurationCollection, type ConfigurationRecord, type RuleOperator, type RuleRecord } from '../configurations/records.js';
import { conversationBundle, conversationCollections, type ConversationBundle } from '../../conversations/records.js';
import { channelsOf } from '../conversations/view.js';
import { invalidField, notFound, unprocessable } from '../errors.js';
import { isId, newId, type IdKind } from '../ids.js';
import { operatorCollection, versionToRun, type OperatorVersionRecord } from '../operators/records.js';
import { resultCollection, type ExecutionDetails, type OperatorResultRecord } from '../results/records.js';
import { runOperatorVersion } from './engine.js';
import { executionCollection, type OperatorProblem, type RuleExecutionRecord } from './records.js';

/** One run of a rule on a conversation: by hand (POST /v3/RuleExecutions) or fired by its trigger (conversations/triggers.ts). */
export interface Execution {
  configuration: ConfigurationRecord;
  rule: RuleRecord;
  bundle: ConversationBundle;
  memoryStoreId: string;
  /** Per operator id: parameter overrides for this execution only (the SDK's `rule.operators[].parameters`). */
  overrides: Map<string, JsonObject>;
}

export function executeRule(store: Store, accountSid: string, body: unknown): RuleExecutionRecord {
  return runExecution(store, accountSid, resolve(store, body));
}

/** Runs each of the rule's operators, stores one OperatorResult per operator that could run, and records the execution. */
export function runExecution(store: Store, accountSid: string, execution: Execution): RuleExecutionRecord {
  const now = new Date().toISOString();
  const record: RuleExecutionRecord = {
    sid: newId('ruleExecution'),
    intelligenceConfigurationId: execution.configuration.sid,
    ruleId: execution.rule.id,
    conversationId: execution.bundle.conversation.sid,
    status: 'COMPLETED',
    operatorResultIds: [],
    failures: [],
    warnings: [],
    dateCreated: now,
  };
  for (const entry of execution.rule.operators) {
    const outcome = runOne(store, accountSid, execution, entry, now);
    if ('failure' in outcome) {
      record.failures.push(outcome.failure);
      continue;
    }
    record.operatorResultIds.push(outcome.result.sid);
    if (outcome.warning) record.warnings.push(outcome.warning);
  }
  if (record.failures.length > 0) record.status = 'FAILED';
  return executionCollection(store).insert(record);
}

function resolve(store: Store, body: unknown): Execution {
  const request = requireObject(body, '');
  // `rule` is not in the spec (cli-core 9.0.0); twilio-node 6.3.1 sends it: per-execution parameter overrides.
  allowOnly(request, '', ['intelligenceConfigurationId', 'ruleId', 'conversationId', 'rule']);
  const configurationId = requiredId(request, 'intelligenceConfigurationId', 'configuration');
  const ruleId = requiredId(request, 'ruleId', 'rule');
  const conversationId = requiredId(request, 'conversationId', 'conversation');
  const overrides = readOverrides(optionalObject(request, 'rule', ''));

  const configuration = configurationCollection(store).get(configurationId);
  if (!configuration) throw notFound('Intelligence Configuration', configurationId);
  const rule = configuration.rules.find((candidate) => candidate.id === ruleId);
  if (!rule) throw notFound(`Rule of Intelligence Configuration ${configurationId}`, ruleId);
  const collections = conversationCollections(store);
  const conversation = collections.conversations.get(conversationId);
  if (!conversation) throw notFound('Conversation', conversationId);
  const bundle = conversationBundle(collections, conversation);
  const memoryStoreId = bundle.configuration?.memoryStoreId;
  if (!memoryStoreId) {
    throw unprocessable(
      `No memory store can be derived from conversation configuration ${conversation.configurationId} of conversation ${conversationId}`,
    );
  }
  const unknown = [...overrides.keys()].find((id) => !rule.operators.some((operator) => operator.id === id));
  if (unknown !== undefined) throw invalidField('rule.operators', `operator ${unknown} is not in rule ${ruleId}`);
  return { configuration, rule, bundle, memoryStoreId, overrides };
}

function requiredId(request: JsonObject, name: string, kind: IdKind): string {
  const value = requiredString(request, name, '');
  if (!isId(kind, value)) throw invalidField(name, `'${value}' is not a ${kind} id`);
  return value;
}

function readOverrides(rule: JsonObject | undefined): Map<string, JsonObject> {
  const overrides = new Map<string, JsonObject>();
  if (!rule) return overrides;
  allowOnly(rule, 'rule', ['operators']);
  (optionalArray(rule, 'operators', 'rule') ?? []).forEach((raw, index) => {
    const path = fieldPath('rule.operators', index);
    const operator = requireObject(raw, path);
    allowOnly(operator, path, ['id', 'parameters']);
    overrides.set(requiredString(operator, 'id', path), optionalObject(operator, 'parameters', path) ?? {});
  });
  return overrides;
}

type Outcome = { failure: OperatorProblem } | { result: OperatorResultRecord; warning?: OperatorProblem };

function runOne(store: Store, accountSid: string, execution: Execution, entry: RuleOperator, now: string): Outcome {
  const operator = operatorCollection(store).get(entry.id);
  if (!operator) return { failure: { operatorId: entry.id, reason: 'the operator no longer exists' } };
  const version = versionToRun(operator, entry.version);
  if (!version) {
    const reason =
      entry.version === undefined ? 'the operator has no ACTIVE or DEPRECATED version' : `the operator has no version ${entry.version}`;
    return { failure: { operatorId: entry.id, ...(entry.version === undefined ? {} : { version: entry.version }), reason } };
  }
  if (version.status === 'RETIRED') {
    return {
      failure: {
        operatorId: entry.id,
        version: version.version,
        reason: `version ${version.version} is RETIRED: update the rule to a valid version`,
      },
    };
  }
  const parameters = parameterValues(version, entry, execution.overrides.get(entry.id));
  const output = runOperatorVersion(operator, version, parameters, execution.bundle);
  const result = resultCollection(store).insert({
    sid: newId('operatorResult'),
    accountSid,
    outputFormat: version.definition.outputFormat,
    intelligenceConfiguration: { id: execution.configuration.sid, ruleId: execution.rule.id, version: execution.configuration.version },
    conversationId: execution.bundle.conversation.sid,
    operator: { id: operator.sid, version: version.version, parameters },
    dateCreated: now,
    referenceIds: execution.bundle.conversation.channelIds,
    executionDetails: executionDetails(execution, version, now),
    metadata: { system: output.system },
    result: output.result,
  });
  const warning =
    version.status === 'DEPRECATED'
      ? { operatorId: entry.id, version: version.version, reason: `version ${version.version} is DEPRECATED` }
      : undefined;
  return { result, ...(warning ? { warning } : {}) };
}

/** Defaults, then the rule's values, then this execution's overrides. */
function parameterValues(version: OperatorVersionRecord, entry: RuleOperator, override: JsonObject | undefined): Record<string, unknown> {
  const defaults = Object.entries(version.definition.parameters).filter(([, definition]) => definition.default !== undefined);
  return { ...Object.fromEntries(defaults.map(([name, definition]) => [name, definition.default])), ...entry.parameters, ...override };
}

function executionDetails(execution: Execution, version: OperatorVersionRecord, now: string): ExecutionDetails {
  const { bundle, rule, memoryStoreId } = execution;
  const communications = bundle.communications;
  const customer = bundle.participants.find((participant) => participant.profileId !== undefined);
  const memoryUsed =
    rule.context?.memory?.enabled === true && version.definition.context.memory.enabled && customer?.profileId !== undefined;
  return {
    // A manual execution reports the rule's own trigger; a rule without one reports CONVERSATION_END.
    trigger: { on: rule.triggers[0]?.on ?? 'CONVERSATION_END', timestamp: now },
    communications: { first: communications[0]?.sid ?? '', last: communications[communications.length - 1]?.sid ?? '' },
    channels: channelsOf(bundle),
    participants: bundle.participants.map((participant) => ({
      id: participant.sid,
      type: participant.type,
      ...(participant.profileId === undefined ? {} : { profileId: participant.profileId }),
    })),
    ...(memoryUsed && customer?.profileId ? { resolvedContext: { memory: { profileId: customer.profileId, memoryStoreId } } } : {}),
  };
}
