import type { Twilio } from 'twilio';
import { UsageError } from '../../lib/errors.js';
import { ruleOperator, type Rule, type TriggerOn } from '../../lib/v3/configurations.js';

export interface RuleFlags {
  operator?: string[];
  trigger?: TriggerOn;
  every?: number;
  webhook?: string[];
}

/** A rule's trigger from --trigger/--every (COMMUNICATION needs --every, the others refuse it). */
export function triggerOf({ trigger, every }: RuleFlags): Rule['triggers'] {
  if (every !== undefined && trigger !== 'COMMUNICATION') throw new UsageError('--every goes with --trigger COMMUNICATION');
  if (trigger === 'COMMUNICATION' && (every === undefined || every > 20))
    throw new UsageError('--trigger COMMUNICATION needs --every N (1–20)');
  return [trigger === 'COMMUNICATION' ? { on: trigger, parameters: { count: every ?? 1 } } : { on: trigger ?? 'CONVERSATION_END' }];
}

export function webhooksOf(urls: readonly string[] = []): Rule['actions'] {
  for (const url of urls)
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--webhook ${url}: not an http(s) URL`);
  return urls.map((url) => ({ type: 'WEBHOOK', method: 'POST', url }));
}

export async function operatorsOf(client: Twilio, refs: readonly string[] = []): Promise<Rule['operators']> {
  const operators = [];
  for (const ref of refs) operators.push(await ruleOperator(client, ref));
  return operators;
}
