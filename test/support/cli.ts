// Runs the CLI's main() in-process with fake IO: no Node start-up per call, so most CLI tests
// take milliseconds. Spawn bin/ci.js (run-ci.ts) only for what a real process shows.
import { main, type ParsedCommand } from '../../src/cli.js';
import type { JournalFiles } from '../../src/lib/adapters/journal.js';
import type { Prompter } from '../../src/lib/prompter.js';
import { fakeProcess, type FakeProcess } from './fake-process.js';
import { logStreams, type CiResult } from './run-ci.js';
import { tempDir } from './temp.js';

export interface InProcessOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** stdout, stderr and stdin are terminals (default: piped, as in CI). */
  tty?: boolean;
  /** stderr alone is a terminal. */
  stderrTty?: boolean;
  columns?: number;
  /** Answers for the prompts, in order (see scriptedPrompter). */
  prompter?: Prompter;
  now?: () => Date;
  /** The files behind --state (default: the real ones); crash-run.ts hands in a disk that a kill can cut off. */
  journal?: JournalFiles;
}

export interface RunningCi {
  proc: FakeProcess;
  result: Promise<CiResult>;
}

let configHome: string | undefined;

/** The next test file gets a config home of its own (per-file.ts; the old one is removed with the temp dirs). */
export function forgetConfigHome(): void {
  configHome = undefined;
}

/** One config home per test file, so tests never see the developer's profiles (and clean up after). */
function testEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  configHome ??= tempDir('ci-test-config-');
  return { PATH: process.env.PATH, HOME: configHome, XDG_CONFIG_HOME: configHome, ...extra };
}

/** Starts `ci ARGS…` in-process; `proc.signal('SIGINT')` is Ctrl-C. */
export function startCi(args: string[], options: InProcessOptions = {}): RunningCi {
  const proc = fakeProcess({
    tty: options.tty,
    stderrTty: options.stderrTty,
    columns: options.columns,
    env: testEnv(options.env),
    stdin: options.stdin,
  });
  const { prompter } = options;
  const overrides = {
    ...(prompter ? { prompter: () => Promise.resolve(prompter) } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.journal ? { journal: options.journal } : {}),
  };
  const result = main(['node', 'ci', ...args], proc, overrides).then((code) => {
    const run = { code, stdout: proc.out(), stderr: proc.err() };
    logStreams(run.stdout, run.stderr);
    return run;
  });
  return { proc, result };
}

/** Runs `ci ARGS…` in-process and resolves with its exit code and what it printed. */
export function ci(args: string[], options: InProcessOptions = {}): Promise<CiResult> {
  return startCi(args, options).result;
}

/** What `ci ARGS…` parses to, without running it (gh's runF): the verb, its typed options and arguments. */
export async function parseCi(args: string[]): Promise<ParsedCommand> {
  let parsed: ParsedCommand | undefined;
  const proc = fakeProcess({ env: testEnv() });
  const code = await main(['node', 'ci', ...args], proc, { onParsed: (command) => void (parsed = command) });
  if (!parsed) throw new Error(`ci ${args.join(' ')} did not parse (exit ${code}): ${proc.err()}`);
  return parsed;
}
