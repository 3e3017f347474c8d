import { readFileSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseJson } from '../schema/json.js';
import type { Env } from './io-types.js';
import { UsageError } from './errors.js';
import { codeOf, messageOf } from './thrown.js';

/** One set of credentials and defaults, as stored in the config file. */
export interface Profile {
  accountSid: string;
  authToken?: string;
  apiKey?: string;
  apiSecret?: string;
  region?: string;
  edge?: string;
  apiUrl?: string;
  serviceSid?: string;
  maxRetries?: number;
  requestTimeoutMs?: number;
  /** The Conversational Intelligence generation for commands given no ID (absent: classic). */
  generation?: 'classic' | 'v3';
}

interface ConfigData {
  activeProfile?: string;
  profiles: Record<string, Profile>;
}

/** Where the config lives: $XDG_CONFIG_HOME/twilio-ci, else ~/.config/twilio-ci (taken from the context's env, never process.env). */
export function configDir(env: Env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'twilio-ci');
}

/** Where the config file is (it may not exist yet). */
export function configPath(env: Env): string {
  return join(configDir(env), 'config.json');
}

/**
 * Why the config file cannot be used, or undefined when it is valid or absent: it must be a JSON
 * object. Checked before conf reads it, so a broken file is named as such (never "cut short?").
 */
export function configFileError(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = codeOf(error);
    return code === 'ENOENT' ? undefined : `the config file ${path} cannot be read (${code ?? messageOf(error)})`;
  }
  const parsed = parseJson(text);
  const place = parsed.ok ? firstValuePlace(text) : parsed;
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)) return undefined;
  return `the config file ${path} is not valid JSON (line ${place.line}, column ${place.column}); fix it or move it away`;
}

/** Line and column of the first non-blank character: where a JSON value that is not an object starts. */
function firstValuePlace(text: string): { line: number; column: number } {
  const before = text.slice(0, text.length - text.trimStart().length);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

/** Warnings about who may change (or read) the config file and its directory; [] when only its owner can. */
export function configPermissionWarnings(path: string, uid: number | undefined = process.getuid?.()): string[] {
  const warnings: string[] = [];
  for (const [target, kind] of [
    [dirname(path), 'directory'],
    [path, 'file'],
  ] as const) {
    let stats: Stats;
    try {
      stats = statSync(target);
    } catch {
      continue; // not created yet: nothing to protect
    }
    if (uid !== undefined && stats.uid !== uid)
      warnings.push(`the config ${kind} ${target} is owned by another user (uid ${stats.uid}); fix it with: chown ${uid} ${target}`);
    if (stats.mode & 0o002) warnings.push(`the config ${kind} ${target} is writable by other users; fix it with: chmod o-w ${target}`);
    if (kind === 'file' && stats.mode & 0o077)
      warnings.push(`${target} is readable by other users and holds secrets; fix it with: chmod 600 ${target}`);
  }
  return warnings;
}

/** What `ci doctor` reports about the config file. */
export interface ConfigFileFacts {
  path: string;
  /** Undefined when the file does not exist yet. */
  mode?: number;
  /** Why it cannot be used (see configFileError). */
  invalid?: string;
  warnings: string[];
}

export function inspectConfigFile(env: Env): ConfigFileFacts {
  const path = configPath(env);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode;
  } catch {
    mode = undefined;
  }
  return { path, mode, invalid: configFileError(path), warnings: configPermissionWarnings(path) };
}

/** Profiles on disk (conf 15, file mode 0600). Loaded lazily: `ci --help` never opens it. */
export class ConfigStore {
  private constructor(private readonly conf: import('conf').default<ConfigData>) {}

  static async open(env: Env): Promise<ConfigStore> {
    const invalid = configFileError(configPath(env));
    if (invalid) throw new UsageError(invalid);
    const { default: Conf } = await import('conf');
    const conf = new Conf<ConfigData>({
      cwd: configDir(env),
      configName: 'config',
      configFileMode: 0o600,
      defaults: { profiles: {} },
    });
    return new ConfigStore(conf);
  }

  get path(): string {
    return this.conf.path;
  }

  /** Who else may read or change the file and its directory (it holds secrets). */
  permissionWarnings(): string[] {
    return configPermissionWarnings(this.path);
  }

  get activeProfile(): string | undefined {
    return this.conf.get('activeProfile');
  }

  profiles(): Record<string, Profile> {
    return this.conf.get('profiles');
  }

  /** Own keys only: `--profile toString` is no profile, not Object.prototype's. */
  profile(name: string): Profile | undefined {
    const profiles = this.profiles();
    return Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  }

  setProfile(name: string, profile: Profile): void {
    this.conf.set('profiles', { ...this.profiles(), [name]: profile });
    if (!this.activeProfile) this.conf.set('activeProfile', name);
  }

  removeProfile(name: string): void {
    const { [name]: _removed, ...rest } = this.profiles();
    this.conf.set('profiles', rest);
    if (this.activeProfile === name) this.conf.delete('activeProfile');
  }

  setActive(name: string): void {
    this.conf.set('activeProfile', name);
  }
}
