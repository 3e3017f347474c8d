import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CI_BIN = fileURLToPath(new URL('../../bin/ci.js', import.meta.url));

export interface CiResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  timeoutMs?: number;
}

/** A config home of its own, so tests never see the developer's profiles. */
export function tempConfigHome(): string {
  return mkdtempSync(join(tmpdir(), 'ci-test-config-'));
}

/** Environment for a spawned ci: no ambient Twilio credentials, no colour, a private config home. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('TWILIO_') && key !== 'FORCE_COLOR') env[key] = value;
  }
  env.XDG_CONFIG_HOME ??= tempConfigHome();
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Spawns bin/ci.js as a user would, piped (not a TTY). */
export function runCi(args: string[], options: RunOptions = {}): Promise<CiResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CI_BIN, ...args], { env: cleanEnv(options.env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
