// Reads twilio-cli's profiles (~/.twilio-cli/config.json) so they can be imported. Read-only:
// nothing here writes to twilio-cli's file.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Profile } from './config.js';
import type { Env } from './context.js';
import { NotFoundError, UsageError } from './errors.js';
import { checkProfileName } from './profiles.js';
import { isSid } from './sid.js';
import { codeOf, messageOf } from './thrown.js';

/** A twilio-cli profile, and either what ci would save for it or why it cannot be imported. */
export interface FoundProfile {
  name: string;
  accountSid: string;
  apiKey?: string;
  region?: string;
  edge?: string;
  active: boolean;
  profile?: Profile;
  problem?: string;
}

interface TwilioCliProfile {
  accountSid?: unknown;
  apiKey?: unknown;
  apiSecret?: unknown;
  region?: unknown;
}

interface TwilioCliConfig {
  profiles?: Record<string, TwilioCliProfile>;
  /** twilio-cli before 2.0 kept the secrets of these "projects" in the system keychain. */
  projects?: Array<TwilioCliProfile & { id?: unknown }>;
  activeProfile?: unknown;
  /** twilio-cli keeps the edge for all profiles (`twilio config:set --edge`). */
  edge?: unknown;
}

export function twilioCliConfigPath(env: Env): string {
  return join(env.HOME || homedir(), '.twilio-cli', 'config.json');
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

function problemOf(name: string, entry: TwilioCliProfile): string | undefined {
  try {
    checkProfileName(name);
  } catch {
    return 'its name is not a valid ci profile name';
  }
  if (!isSid(text(entry.accountSid) ?? '', 'AC')) return 'no valid account SID';
  if (!isSid(text(entry.apiKey) ?? '', 'SK') || !text(entry.apiSecret)) {
    return 'no API key and secret in the file (older twilio-cli keeps them in the system keychain); use `ci login` instead';
  }
  return undefined;
}

function found(name: string, entry: TwilioCliProfile, config: TwilioCliConfig): FoundProfile {
  const region = text(entry.region);
  const edge = text(config.edge);
  const problem = problemOf(name, entry);
  const base = {
    name,
    accountSid: text(entry.accountSid) ?? '',
    apiKey: text(entry.apiKey),
    region,
    edge,
    active: config.activeProfile === name,
  };
  if (problem) return { ...base, problem };
  const profile: Profile = { accountSid: base.accountSid, apiKey: base.apiKey, apiSecret: text(entry.apiSecret) };
  if (region) profile.region = region;
  if (edge) profile.edge = edge;
  return { ...base, profile };
}

export function parseTwilioCliConfig(path: string, content: string): FoundProfile[] {
  let config: TwilioCliConfig;
  try {
    config = JSON.parse(content) as TwilioCliConfig;
  } catch (error) {
    throw new UsageError(`${path}: not JSON (${messageOf(error)})`);
  }
  if (typeof config !== 'object' || config === null) throw new UsageError(`${path}: expected a JSON object`);
  const profiles = Object.entries(config.profiles ?? {}).map(([name, entry]) => found(name, entry ?? {}, config));
  const projects = (config.projects ?? []).map((entry) => found(text(entry.id) ?? '', entry, config));
  return [...profiles, ...projects];
}

export async function readTwilioCliProfiles(path: string): Promise<FoundProfile[]> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      throw new NotFoundError(`no twilio-cli configuration at ${path}`, {
        hint: 'set up twilio-cli with `twilio login`, or pass --from FILE',
      });
    }
    throw new UsageError(`cannot read ${path}: ${messageOf(error)}`);
  }
  const profiles = parseTwilioCliConfig(path, content);
  if (!profiles.length) throw new NotFoundError(`${path} has no profiles`, { hint: 'add one with `twilio profiles:create`' });
  return profiles;
}
