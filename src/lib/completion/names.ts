// Names of the account's services and operators for dynamic completion, from a short-lived cache
// so that pressing Tab costs one API listing a minute at most.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../context.js';
import type { NameKind } from './tree.js';

export const NAMES_TTL_MS = 60_000;

interface CacheEntry {
  savedAt: number;
  names: string[];
}

/** $XDG_CACHE_HOME/twilio-ci (else ~/.cache/twilio-ci); one file per account, API URL and kind. */
export function namesCachePath(env: Env, kind: NameKind, account: string): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  const id = createHash('sha256').update(account).digest('hex').slice(0, 16);
  return join(base, 'twilio-ci', `names-${kind}-${id}.json`);
}

/** Fresh cached names, else `load()`'s, saved for next time. */
export async function cachedNames(path: string, now: Date, load: () => Promise<string[]>): Promise<string[]> {
  try {
    const entry = JSON.parse(await readFile(path, 'utf8')) as CacheEntry;
    if (now.getTime() - entry.savedAt < NAMES_TTL_MS && Array.isArray(entry.names)) return entry.names;
  } catch {
    // No cache yet, or an unreadable one: load afresh.
  }
  const names = await load();
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, JSON.stringify({ savedAt: now.getTime(), names } satisfies CacheEntry));
  return names;
}
