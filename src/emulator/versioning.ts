import type { IncomingHttpHeaders } from 'node:http';
import { preconditionFailed } from './errors.js';

/** ISO 8601 UTC without milliseconds, the way Twilio writes dates. */
export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Optimistic concurrency: If-Match carries the version the client last saw (quotes tolerated).
 * `resource` names what is being changed in the 412 message, e.g. "Service GA…".
 */
export function assertIfMatch(headers: IncomingHttpHeaders, currentVersion: number, resource: string): void {
  const ifMatch = headers['if-match'];
  if (ifMatch === undefined) return;
  const expected = ifMatch.trim().replace(/^"(.*)"$/, '$1');
  if (expected !== String(currentVersion)) {
    throw preconditionFailed(`If-Match '${ifMatch}' does not match the current version ${currentVersion} of ${resource}`);
  }
}
