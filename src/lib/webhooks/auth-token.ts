import type { Credentials } from '../credentials.js';
import { UsageError } from '../errors.js';

/** Twilio signs with the account's auth token; an API key cannot check (or make) a signature. */
export function signingAuthToken(credentials: Credentials): string {
  if (credentials.username !== credentials.accountSid) {
    throw new UsageError(`${credentials.source} uses an API key, and Twilio signs requests with the account's auth token`, {
      hint: 'pass --auth-token (the auth token of the account)',
    });
  }
  return credentials.password;
}
