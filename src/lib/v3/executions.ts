// Rule executions (POST /v3/RuleExecutions): run one rule of a configuration on a conversation.
import type { Twilio } from 'twilio';

/**
 * 202 when the rule was accepted to run on the conversation.
 *
 * Workaround, twilio-node 6.3.1: ruleExecutions.create() (and createWithHttpInfo) JSON-parse the answer,
 * and the spec's 202 has no body, so they reject with a SyntaxError although the rule ran. The request
 * goes through the SDK's v3 Version with remove(), which sends `method` as given and checks only for a
 * 2xx without reading a body: same host, credentials and retries, and a RestException for a 4xx/5xx.
 * Drop this when ruleExecutions.create() accepts an empty 202.
 */
export async function runRule(
  client: Twilio,
  run: { intelligenceConfigurationId: string; ruleId: string; conversationId: string },
): Promise<void> {
  await client.intelligence.v3.remove({
    uri: '/RuleExecutions',
    method: 'post',
    data: run,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  });
}
