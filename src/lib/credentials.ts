import type { Profile, ConfigStore } from './config.js';
import type { Env, GlobalOptions } from './io-types.js';
import { AuthError, UsageError } from './errors.js';
import { parseSid } from './sid.js';

/** The settings in effect: a profile's non-secret fields, with its secret turned into Basic-auth user and password. */
export type Credentials = Omit<Profile, 'authToken' | 'apiKey' | 'apiSecret'> & {
  /** Basic-auth user and password: account SID + auth token, or API key + secret. */
  username: string;
  password: string;
  /** Where the credentials came from, for `ci doctor` and error hints. */
  source: string;
};

export const NO_CREDENTIALS_HINT =
  'run `ci login`, set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET), ' +
  'or try ci without an account: `ci emulator start`, then `ci --profile emulator …`';

function fromEnv(env: Env): Profile | undefined {
  if (!env.TWILIO_ACCOUNT_SID) return undefined;
  if (env.TWILIO_API_KEY && env.TWILIO_API_SECRET) {
    return { accountSid: env.TWILIO_ACCOUNT_SID, apiKey: env.TWILIO_API_KEY, apiSecret: env.TWILIO_API_SECRET };
  }
  if (env.TWILIO_AUTH_TOKEN) return { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN };
  return undefined;
}

/** What a half-set TWILIO_* environment lacks, named as the variable to set; undefined when none of it is set. */
function missingFromEnv(env: Env): string | undefined {
  if (env.TWILIO_API_KEY && !env.TWILIO_API_SECRET) return 'TWILIO_API_SECRET is not set (for TWILIO_API_KEY)';
  if (env.TWILIO_API_SECRET && !env.TWILIO_API_KEY) return 'TWILIO_API_KEY is not set (for TWILIO_API_SECRET)';
  if (env.TWILIO_ACCOUNT_SID) return 'TWILIO_AUTH_TOKEN (or TWILIO_API_KEY + TWILIO_API_SECRET) is not set';
  if (env.TWILIO_AUTH_TOKEN || env.TWILIO_API_KEY) return 'TWILIO_ACCOUNT_SID is not set';
  return undefined;
}

/** Where credentials are chosen from besides the environment: the config file's profiles. */
export type ProfileSource = Pick<ConfigStore, 'activeProfile' | 'profile' | 'profiles'>;

/** The profiles of a run whose credentials the environment gives: it need not open (or parse) the config file. */
export const NO_PROFILES: ProfileSource = { activeProfile: undefined, profile: () => undefined, profiles: () => ({}) };

/** True when TWILIO_* variables give the credentials and no --profile names others: the config file has no say. */
export function environmentDecides(globals: GlobalOptions, env: Env): boolean {
  return !globals.profile && fromEnv(env) !== undefined;
}

function namedProfile(config: ProfileSource, name: string, via: string): { profile: Profile; source: string } {
  const profile = config.profile(name);
  if (!profile) {
    const known = Object.keys(config.profiles());
    throw new UsageError(`no profile named "${name}" (from ${via})`, {
      hint: known.length ? `known profiles: ${known.join(', ')}` : 'add one with `ci profiles add` or `ci login`',
    });
  }
  return { profile, source: `profile "${name}" (${via})` };
}

/**
 * Picks one credential source as a whole (never mixing an account from one place with a secret
 * from another): --profile flag > TWILIO_* environment > TWILIO_CI_PROFILE > the active profile.
 * Settings that are not secrets (API URL, region, edge, service) then follow flags > env > profile.
 */
export function resolveCredentials(globals: GlobalOptions, env: Env, config: ProfileSource): Credentials {
  let chosen: { profile: Profile; source: string } | undefined;
  if (globals.profile) chosen = namedProfile(config, globals.profile, '--profile');
  else {
    const envProfile = fromEnv(env);
    if (envProfile) chosen = { profile: envProfile, source: 'environment (TWILIO_ACCOUNT_SID)' };
    else if (env.TWILIO_CI_PROFILE) chosen = namedProfile(config, env.TWILIO_CI_PROFILE, 'TWILIO_CI_PROFILE');
    else if (config.activeProfile && config.profile(config.activeProfile)) {
      chosen = { profile: config.profile(config.activeProfile)!, source: `profile "${config.activeProfile}" (active)` };
    }
  }
  if (!chosen) throw new AuthError(missingFromEnv(env) ?? 'no Twilio credentials found', { hint: NO_CREDENTIALS_HINT });
  const { profile, source } = chosen;
  parseSid(profile.accountSid, 'AC', source.startsWith('environment') ? 'TWILIO_ACCOUNT_SID' : source);
  const [username, password] = profile.apiKey ? [profile.apiKey, profile.apiSecret] : [profile.accountSid, profile.authToken];
  if (!password) throw new AuthError(`${source} has no auth token or API secret`, { hint: NO_CREDENTIALS_HINT });
  return {
    accountSid: profile.accountSid,
    username,
    password,
    region: globals.region ?? env.TWILIO_REGION ?? profile.region,
    edge: globals.edge ?? env.TWILIO_EDGE ?? profile.edge,
    apiUrl: globals.apiUrl ?? env.TWILIO_CI_API_URL ?? profile.apiUrl,
    serviceSid: env.TWILIO_CI_SERVICE_SID ?? profile.serviceSid,
    maxRetries: globals.maxRetries ?? profile.maxRetries,
    requestTimeoutMs: globals.requestTimeoutMs ?? profile.requestTimeoutMs,
    generation: profile.generation,
    source,
  };
}

/** Shows enough of a secret to recognise it, never enough to use it. */
export function maskSecret(secret: string | undefined): string {
  if (!secret) return '';
  return secret.length <= 8 ? '********' : `${'*'.repeat(8)}${secret.slice(-4)}`;
}
