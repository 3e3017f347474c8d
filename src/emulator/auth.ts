import { timingSafeEqual } from 'node:crypto';

export interface Credentials {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
}

/** HTTP Basic with the account SID + auth token, or an API key SID + secret (as Twilio accepts). */
export function isAuthorized(header: string | undefined, credentials: Credentials): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (user === credentials.accountSid) return sameSecret(secret, credentials.authToken);
  if (user === credentials.apiKeySid) return sameSecret(secret, credentials.apiKeySecret);
  return false;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
