import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawnCi } from './run-ci.js';

export interface RunningCi {
  child: ChildProcessWithoutNullStreams;
  /** The first line a server command prints (its URL), parsed as JSON. */
  first: Record<string, unknown>;
  stdout(): string;
  stderr(): string;
  /** Stdout lines after the first, parsed as JSON, once `count` of them have arrived. */
  events(count: number, timeoutMs?: number): Promise<Array<Record<string, unknown>>>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** SIGINT (as Ctrl-C), then the exit code. */
  stop(): Promise<number | null>;
}

/** A server command (listen, serve) may run this long before a test stops it. */
const SERVER_LIFETIME_MS = 120_000;

/** Spawns a long-running ci (listen, serve) with --json, piped, and waits for its first stdout line. */
export async function startCi(args: string[], env: Record<string, string | undefined>, cwd?: string, stdin?: string): Promise<RunningCi> {
  const { child, result } = spawnCi(args, { env, cwd, stdin, timeoutMs: SERVER_LIFETIME_MS });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = result.then(({ code }) => code);
  const lines = () => stdout.split('\n').filter(Boolean);
  const waitFor = async (predicate: () => boolean, timeoutMs: number, what: string) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (child.exitCode !== null) throw new Error(`ci exited (${child.exitCode}) before ${what}; stderr: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stdout: ${stdout} stderr: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await waitFor(() => lines().length > 0, 15_000, 'the first line');
  return {
    child,
    first: JSON.parse(lines()[0] ?? '') as Record<string, unknown>,
    stdout: () => stdout,
    stderr: () => stderr,
    async events(count, timeoutMs = 15_000) {
      await waitFor(() => lines().length > count, timeoutMs, `${count} event line(s)`);
      return lines()
        .slice(1, count + 1)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}
