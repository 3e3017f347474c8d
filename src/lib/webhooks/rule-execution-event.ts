// The payload Conversational Intelligence v3 POSTs to a rule's WEBHOOK action (the Rule Execution webhook):
// `{accountId, conversationId, intelligenceConfiguration: {id, displayName, version, ruleId}, operatorResults}`,
// a JSON body signed through bodySHA256. Read from the verified request's body; no IO.
import type { OperatorResult } from '../results-v3.js';

export const RULE_EXECUTION = 'rule_execution';

export interface RuleExecutionEvent {
  accountId: string;
  conversationId: string;
  intelligenceConfiguration: { id: string; displayName: string; version: number | null; ruleId: string };
  operatorResults: OperatorResult[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The rule-execution payload in a JSON body; undefined for anything else (a v2 transcript event, say). */
export function ruleExecutionEventOf(contentType: string, body: Buffer): RuleExecutionEvent | undefined {
  if (!contentType.toLowerCase().startsWith('application/json')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || !isObject(parsed.intelligenceConfiguration) || !Array.isArray(parsed.operatorResults)) return undefined;
  const configuration = parsed.intelligenceConfiguration;
  const results: unknown[] = parsed.operatorResults;
  return {
    accountId: text(parsed.accountId),
    conversationId: text(parsed.conversationId),
    intelligenceConfiguration: {
      id: text(configuration.id),
      displayName: text(configuration.displayName),
      version: typeof configuration.version === 'number' ? configuration.version : null,
      ruleId: text(configuration.ruleId),
    },
    operatorResults: results.filter(isObject).map((result) => ({ ...result, id: text(result.id) })),
  };
}

/** What a command run by --exec finds in its environment for a rule execution (values only there, never in a shell line). */
export function ruleExecutionEnvironment(event: RuleExecutionEvent): Record<string, string> {
  return {
    EVENT_TYPE: RULE_EXECUTION,
    ACCOUNT_SID: event.accountId,
    CONVERSATION_ID: event.conversationId,
    INTELLIGENCE_CONFIGURATION_ID: event.intelligenceConfiguration.id,
    RULE_ID: event.intelligenceConfiguration.ruleId,
    OPERATOR_RESULT_IDS: event.operatorResults.map((result) => result.id).join(','),
  };
}
