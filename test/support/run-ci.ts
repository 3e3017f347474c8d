import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STREAM_LOG_ENV } from './secrets.js';
import { tempDir } from './temp.js';
import { CHILD_TIMEOUT_MS } from './timeouts.js';

export const CI_BIN = fileURLToPath(new URL('../../bin/ci.js', import.meta.url));

export interface CiResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Killed (SIGKILL) after this long; default CHILD_TIMEOUT_MS, so no child outlives its test. */
  timeoutMs?: number;
  /** Node options before bin/ci.js, e.g. ['--import', hooks]. */
  nodeArgs?: string[];
  /** Working directory of the spawned ci (default: the test's). */
  cwd?: string;
}

/** A config home of its own, so tests never see the developer's profiles. */
export function tempConfigHome(): string {
  return tempDir('ci-test-config-');
}

let cacheHome: string | undefined;
/** One cache home per test file (completion names, Node 20's code cache), so tests never write the developer's. */
function testCacheHome(): string {
  return (cacheHome ??= tempDir('ci-test-cache-'));
}

/** Environment for a spawned ci: no ambient Twilio credentials, no colour, private config and cache homes. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('TWILIO_') && key !== 'FORCE_COLOR') env[key] = value;
  }
  // Set, not defaulted: a developer's own XDG_* must not leak their profiles or caches into a test.
  env.XDG_CONFIG_HOME = tempConfigHome();
  env.XDG_CACHE_HOME = testCacheHome();
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** A running ci: the child (to signal it or close its stdout) and its result once it exits. */
export interface SpawnedCi {
  child: ChildProcessWithoutNullStreams;
  result: Promise<CiResult>;
}

const children = new Set<ChildProcessWithoutNullStreams>();

/** Children still running when their test file ends are killed then (per-file.ts); the next file gets a new cache home. */
export function endSpawnedCis(): void {
  for (const child of children) child.kill('SIGKILL');
  cacheHome = undefined;
}

/** Spawns bin/ci.js as a user would, piped (not a TTY). */
export function spawnCi(args: string[], options: RunOptions = {}): SpawnedCi {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CI_BIN, ...args], {
    env: cleanEnv(options.env),
    stdio: 'pipe',
    cwd: options.cwd,
  });
  children.add(child);
  const result = new Promise<CiResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      logStreams(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
  child.stdin.end(options.stdin ?? '');
  return { child, result };
}

export function runCi(args: string[], options: RunOptions = {}): Promise<CiResult> {
  return spawnCi(args, options).result;
}

/** Appends a run's streams to the suite's log, which global-setup scans for secrets at the end. */
export function logStreams(stdout: string, stderr: string): void {
  const dir = process.env[STREAM_LOG_ENV];
  if (!dir) return;
  appendFileSync(join(dir, `${process.pid}.log`), `${stdout}\n${stderr}\n`);
}
