// Rule triggers: when a conversation event happens, run the rules of every Intelligence Configuration attached to
// the conversation whose trigger is that event, store their results (v3/executions/run.ts) and queue the rule's
// WEBHOOK actions with the rule-execution payload Twilio documents.
import type { Store } from '../store.js';
import { configurationCollection, type ConfigurationRecord, type RuleRecord, type TriggerEvent } from '../v3/configurations/records.js';
import { runExecution } from '../v3/executions/run.js';
import type { RuleExecutionRecord } from '../v3/executions/records.js';
import { findVersion, operatorCollection } from '../v3/operators/records.js';
import { resultCollection } from '../v3/results/records.js';
import { conversationBundle, conversationCollections, intelligenceConfigurationIdsOf, type ConversationBundle } from './records.js';
import { queueDelivery } from './webhooks.js';

/** Inside a commit: fires `event` on the conversation. `COMMUNICATION` rules fire every `count` (default 1) communications. */
export function fireTrigger(store: Store, accountSid: string, conversationId: string, event: TriggerEvent): RuleExecutionRecord[] {
  const collections = conversationCollections(store);
  const conversation = collections.conversations.get(conversationId);
  if (!conversation) return [];
  const bundle = conversationBundle(collections, conversation);
  const memoryStoreId = bundle.configuration?.memoryStoreId;
  // A rule needs a communication to look at and a memory store to run with (a manual run says 422 without one).
  if (bundle.communications.length === 0 || memoryStoreId === undefined) return [];
  const executions: RuleExecutionRecord[] = [];
  for (const configurationId of intelligenceConfigurationIdsOf(bundle)) {
    const configuration = configurationCollection(store).get(configurationId);
    for (const rule of configuration?.rules ?? []) {
      if (!configuration || !fires(rule, event, bundle.communications.length)) continue;
      const execution = runExecution(store, accountSid, { configuration, rule, bundle, memoryStoreId, overrides: new Map() });
      executions.push(execution);
      const payload = ruleExecutionPayload(store, accountSid, configuration, rule, bundle, execution);
      for (const action of rule.actions) queueDelivery(store, action.url, payload);
    }
  }
  return executions;
}

function fires(rule: RuleRecord, event: TriggerEvent, communicationCount: number): boolean {
  const trigger = rule.triggers[0];
  if (trigger?.on !== event) return false;
  return event !== 'COMMUNICATION' || communicationCount % (trigger.parameters?.count ?? 1) === 0;
}

/** The body Twilio POSTs to a rule's webhook: the configuration and rule, and every result the execution made. */
function ruleExecutionPayload(
  store: Store,
  accountSid: string,
  configuration: ConfigurationRecord,
  rule: RuleRecord,
  bundle: ConversationBundle,
  execution: RuleExecutionRecord,
): Record<string, unknown> {
  const operators = operatorCollection(store);
  const results = execution.operatorResultIds.flatMap((id) => resultCollection(store).get(id) ?? []);
  return {
    accountId: accountSid,
    conversationId: bundle.conversation.sid,
    intelligenceConfiguration: {
      id: configuration.sid,
      displayName: configuration.displayName,
      version: configuration.version,
      ruleId: rule.id,
    },
    operatorResults: results.map((result) => {
      const operator = operators.get(result.operator.id);
      const version = operator && findVersion(operator, result.operator.version);
      return {
        id: result.sid,
        operator: {
          id: result.operator.id,
          displayName: version ? version.definition.displayName : null,
          version: result.operator.version,
          parameters: result.operator.parameters,
        },
        outputFormat: result.outputFormat,
        result: result.result,
        dateCreated: result.dateCreated,
        referenceIds: result.referenceIds,
        executionDetails: result.executionDetails,
        metadata: result.metadata,
      };
    }),
  };
}
