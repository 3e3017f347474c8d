import { randomBytes } from 'node:crypto';

/** A Twilio SID: two-letter prefix + 32 lowercase hex. Random, so SIDs never collide across restarts. */
export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** Twilio only accepts well-formed SIDs; anything else is treated as "not found". */
export function isSid(value: string, prefix: string): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-f]{32}$/.test(value.slice(2));
}
