import type { Profile } from './config.js';
import { maskSecret } from './credentials.js';
import { UsageError } from './errors.js';
import type { Row } from './output/types.js';
import { readSecret, type SecretInputs } from './secrets.js';
import { parseSid } from './sid.js';

/** A profile as flags give it: everything optional until checked, the default service as `--service`. */
export type ProfileInput = Partial<Omit<Profile, 'serviceSid' | 'maxRetries' | 'requestTimeoutMs'>> & { service?: string };

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME.test(name)) {
    throw new UsageError(`invalid profile name "${name}"`, { hint: 'use letters, digits, ".", "_" or "-" (at most 64)' });
  }
  return name;
}

function requireAccountSid(input: ProfileInput): string {
  if (!input.accountSid) throw new UsageError('missing required flag --account-sid');
  return parseSid(input.accountSid, 'AC', '--account-sid');
}

export interface SecretFlags {
  authTokenStdin?: boolean;
  apiSecretStdin?: boolean;
}

/**
 * The profile's secret from the flags, stdin, the environment (TWILIO_AUTH_TOKEN, or TWILIO_API_SECRET
 * with --api-key) or a prompt on a terminal: an API key's secret with --api-key, else an auth token.
 */
export async function profileSecrets(
  flags: ProfileInput & SecretFlags,
  inputs: SecretInputs,
): Promise<Pick<ProfileInput, 'authToken' | 'apiSecret'>> {
  requireAccountSid(flags);
  if (flags.authTokenStdin && flags.apiSecretStdin)
    throw new UsageError('stdin holds one secret: give --auth-token-stdin or --api-secret-stdin');
  const withKey = flags.apiKey !== undefined;
  const quiet = { ...inputs, prompter: undefined };
  const authToken = await readSecret(
    {
      label: 'Auth token',
      flag: '--auth-token',
      value: flags.authToken,
      fromStdin: flags.authTokenStdin,
      envName: withKey ? undefined : 'TWILIO_AUTH_TOKEN',
    },
    withKey ? quiet : inputs,
  );
  const apiSecret = await readSecret(
    {
      label: 'API key secret',
      flag: '--api-secret',
      value: flags.apiSecret,
      fromStdin: flags.apiSecretStdin,
      envName: withKey ? 'TWILIO_API_SECRET' : undefined,
    },
    withKey ? inputs : quiet,
  );
  return { authToken, apiSecret };
}

/** Validates flags into a profile: an account SID and exactly one kind of secret. */
export function profileFrom(input: ProfileInput): Profile {
  const accountSid = requireAccountSid(input);
  const hasKey = input.apiKey !== undefined || input.apiSecret !== undefined;
  if (input.authToken && hasKey) throw new UsageError('give either --auth-token or --api-key with --api-secret, not both');
  if (hasKey && !(input.apiKey && input.apiSecret)) throw new UsageError('--api-key and --api-secret go together');
  if (!input.authToken && !hasKey) {
    throw new UsageError('missing credentials: give an auth token or an API key and its secret', {
      hint: 'pipe the token into --auth-token-stdin or set TWILIO_AUTH_TOKEN (or --api-key SK… with --api-secret-stdin)',
    });
  }
  if (input.apiKey) parseSid(input.apiKey, 'SK', '--api-key');
  if (input.service) parseSid(input.service, 'GA', '--service');
  const profile: Profile = {
    accountSid,
    authToken: input.authToken,
    apiKey: input.apiKey,
    apiSecret: input.apiSecret,
    region: input.region,
    edge: input.edge,
    apiUrl: input.apiUrl,
    serviceSid: input.service,
    generation: input.generation,
  };
  return Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)) as unknown as Profile;
}

/** A profile as shown by `ci profiles list`: secrets masked, always. */
export function maskedProfile(name: string, profile: Profile, active: boolean): Row {
  return {
    name,
    active,
    accountSid: profile.accountSid,
    auth: profile.apiKey ? `api key ${profile.apiKey}` : 'auth token',
    secret: maskSecret(profile.apiSecret ?? profile.authToken),
    region: profile.region ?? null,
    edge: profile.edge ?? null,
    apiUrl: profile.apiUrl ?? null,
    serviceSid: profile.serviceSid ?? null,
  };
}
