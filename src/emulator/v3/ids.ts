import { randomBytes } from 'node:crypto';

/**
 * Twilio's v3 IDs ("TTIDs"): `<prefix>_` + 26 characters, `[0-7][0-9a-z]{25}` — a ULID in lower-case
 * Crockford base32 (48 bits of milliseconds, then 80 random bits), so IDs sort by creation time.
 */
export const ID_PREFIX = {
  operator: 'intelligence_operator',
  configuration: 'intelligence_configuration',
  rule: 'intelligence_configurationrule',
  operatorResult: 'intelligence_operatorresult',
  conversation: 'conv_conversation',
  participant: 'conv_participant',
  communication: 'conv_communication',
  conversationConfiguration: 'conv_configuration',
  memoryStore: 'mem_store',
  memoryProfile: 'mem_profile',
  /** Conversations v2's long-running operations, as its spec's example (`proc_job_01h9d8r0vte3hz8tykdj329t7r`). */
  conversationsOperation: 'proc_job',
  /** Memory v1's operations: the spec gives no example, so a name in the style of its other IDs. */
  memoryOperation: 'mem_operation',
  /** Voice v2 Transcription Configurations and Voice v3 Transcriptions (src/emulator/voice/). */
  transcriptionConfiguration: 'voice_transcriptionconfiguration',
  transcription: 'voice_transcription',
  /** Not a Twilio ID: the emulator's own record of a rule execution (GET /emulator/v3/RuleExecutions). */
  ruleExecution: 'emulator_ruleexecution',
  /** Not a Twilio ID: a rule-execution webhook the emulator sends (conversations/webhooks.ts). */
  webhookDelivery: 'emulator_webhookdelivery',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(kind: IdKind, now: number = Date.now()): string {
  let time = '';
  let rest = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  const random = [...randomBytes(16)].map((byte) => CROCKFORD[byte % 32]).join('');
  return `${ID_PREFIX[kind]}_${time}${random}`;
}

const ID_BODY = /^[0-7][0-9a-z]{25}$/;

/** A well-formed ID of this kind; anything else is "not found" on a path and a 400 in a body or query. */
export function isId(kind: IdKind, value: string): boolean {
  const prefix = `${ID_PREFIX[kind]}_`;
  return value.startsWith(prefix) && ID_BODY.test(value.slice(prefix.length));
}
