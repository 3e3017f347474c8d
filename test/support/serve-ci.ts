// Long-running ci commands (webhook listen, serve, emulator start) in-process: started, read while
// they run, and stopped with Ctrl-C. Waits are on output events, bounded by the test's own timeout.
import { startCi as startInProcess, type InProcessOptions } from './cli.js';
import type { FakeProcess } from './fake-process.js';

export interface RunningServer {
  proc: FakeProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout, once it has been printed. */
  printed(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** SIGINT (as Ctrl-C), then the exit code. */
  stop(): Promise<number | null>;
}

/** A line a server command prints, parsed as JSON; the first one carries its URLs. */
export type ServerLine = Record<string, unknown> & Partial<Record<'url' | 'voiceUrl' | 'webhookUrl' | 'publicUrl' | 'phoneNumber', string>>;

export interface RunningCi extends RunningServer {
  /** The first line a server command prints (its URL), parsed as JSON. */
  first: ServerLine;
  /** Stdout lines after the first, parsed as JSON, once `count` of them have arrived. */
  events(count: number): Promise<Array<Record<string, unknown>>>;
}

/** Servers a test left running are stopped when its file ends, so none outlives the file. */
const running = new Set<RunningServer>();

/** Run when each test file ends (per-file.ts). */
export async function stopServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** Starts `ci ARGS…` in-process and lets the test wait for what it prints. */
export function startServer(args: string[], options: InProcessOptions = {}): RunningServer {
  const { proc, result } = startInProcess(args, options);
  let done = false;
  const exited = result.then(({ code }) => {
    done = true;
    return code;
  });
  /** Resolves once `check` gives a value; rejects if ci exits first. */
  const waitFor = <T>(check: () => T | undefined, what: string) =>
    new Promise<T>((resolve, reject) => {
      const settle = () => {
        const value = check();
        if (value !== undefined) {
          unsubscribe();
          resolve(value);
        } else if (done) {
          unsubscribe();
          reject(new Error(`ci ${args.join(' ')} exited before ${what}; stdout: ${proc.out()} stderr: ${proc.err()}`));
        }
      };
      const unsubscribe = proc.onOutput(settle);
      void exited.then(settle);
      settle();
    });
  const server: RunningServer = {
    proc,
    stdout: () => proc.out(),
    stderr: () => proc.err(),
    printed: (pattern) => waitFor(() => pattern.exec(proc.out()) ?? undefined, `printing ${pattern}`),
    exited,
    async stop() {
      if (!done) proc.signal('SIGINT');
      running.delete(server);
      return exited;
    },
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
}

/** Starts a server command with --ndjson and waits for its first stdout line. */
export async function startCi(args: string[], env: Record<string, string | undefined>, stdin?: string): Promise<RunningCi> {
  const server = startServer(args, { env, stdin });
  const linesUpTo = async (count: number) => {
    const [text] = await server.printed(new RegExp(`^(?:[^\\n]*\\n){${count}}`));
    return text
      .split('\n')
      .slice(0, count)
      .map((line) => JSON.parse(line) as ServerLine);
  };
  const [first = {}] = await linesUpTo(1);
  return { ...server, first, events: async (count) => (await linesUpTo(count + 1)).slice(1) };
}
