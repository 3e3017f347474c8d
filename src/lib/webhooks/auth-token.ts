import type { Credentials } from '../credentials.js';
import { UsageError } from '../errors.js';
import { readSecret, type SecretInputs } from '../secrets.js';

const NEEDS_AUTH_TOKEN_HINT = 'give the auth token of the account with --auth-token-stdin or TWILIO_AUTH_TOKEN';

/** Twilio signs with the account's auth token; an API key cannot check (or make) a signature. */
export function signingAuthToken(credentials: Credentials): string {
  if (credentials.username !== credentials.accountSid) {
    throw new UsageError(`${credentials.source} uses an API key, and Twilio signs requests with the account's auth token`, {
      hint: NEEDS_AUTH_TOKEN_HINT,
    });
  }
  return credentials.password;
}

export interface AuthTokenFlags {
  authToken?: string;
  authTokenStdin?: boolean;
}

/**
 * The token that checks signatures: --auth-token(-stdin), else the credentials' auth token, else
 * TWILIO_AUTH_TOKEN (set beside API-key credentials), else a prompt on a terminal.
 */
export async function webhookAuthToken(
  flags: AuthTokenFlags,
  inputs: SecretInputs,
  credentials: () => Promise<Credentials>,
): Promise<string> {
  const source = { label: 'Auth token of the account (Twilio signs with it)', flag: '--auth-token' };
  const given = await readSecret(
    { ...source, value: flags.authToken, fromStdin: flags.authTokenStdin },
    { ...inputs, prompter: undefined },
  );
  if (given !== undefined) return given;
  const inEffect = await credentials();
  if (inEffect.username === inEffect.accountSid) return inEffect.password;
  const fallback = await readSecret({ ...source, envName: 'TWILIO_AUTH_TOKEN' }, inputs);
  return fallback ?? signingAuthToken(inEffect);
}
