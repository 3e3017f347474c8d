import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from './io-types.js';

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

/** Profiles on disk (conf 15, file mode 0600). Loaded lazily: `ci --help` never opens it. */
export class ConfigStore {
  private constructor(private readonly conf: import('conf').default<ConfigData>) {}

  static async open(env: Env): Promise<ConfigStore> {
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

  /** True when group or others can read the file (it holds secrets). */
  isReadableByOthers(): boolean {
    try {
      return (statSync(this.path).mode & 0o077) !== 0;
    } catch {
      return false;
    }
  }

  get activeProfile(): string | undefined {
    return this.conf.get('activeProfile');
  }

  profiles(): Record<string, Profile> {
    return this.conf.get('profiles');
  }

  profile(name: string): Profile | undefined {
    return this.profiles()[name];
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
