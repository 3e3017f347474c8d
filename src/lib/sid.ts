import { UsageError } from './errors.js';

/** The SID prefixes ci deals with, and what each names (for messages). */
export const SID_KINDS = {
  AC: 'account',
  GA: 'service',
  GT: 'transcript',
  LY: 'operator',
  RE: 'recording',
  CA: 'call',
  SK: 'API key',
  CR: 'credential',
  PN: 'phone number',
} as const;

export type SidPrefix = keyof typeof SID_KINDS;

const SID_BODY = /^[0-9a-fA-F]{32}$/;

export function isSid(value: string, prefix: SidPrefix): boolean {
  return value.startsWith(prefix) && SID_BODY.test(value.slice(2));
}

/** True when the value is an attempt at a SID of this kind (prefix + hex digits), so a name lookup would be wrong. */
export function looksLikeSid(value: string, prefix: SidPrefix): boolean {
  return value.startsWith(prefix) && /^[0-9a-fA-F]+$/.test(value.slice(2));
}

/** Validates a SID locally, before any request: exit 2 with what was expected. */
export function parseSid(value: string, prefix: SidPrefix, flag?: string): string {
  if (isSid(value, prefix)) return value;
  const what = SID_KINDS[prefix];
  throw new UsageError(`${flag ? `${flag}: ` : ''}"${value}" is not a valid ${what} SID`, {
    hint: `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} SID is ${prefix} followed by 32 hexadecimal characters`,
  });
}
