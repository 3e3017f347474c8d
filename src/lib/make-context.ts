import type { Twilio } from 'twilio';
import { createFiles } from './adapters/files.js';
import { fileJournal } from './adapters/journal.js';
import type { ConfigStore } from './config.js';
import type { Context, Env, GlobalOptions, IO, Logger } from './context.js';
import type { Credentials } from './credentials.js';
import { terminalColumns } from './help-text.js';
import { sanitizeComposed } from './output/sanitize.js';
import type { Prompter } from './prompter.js';

/** The slice of `process` the CLI uses; tests hand in a fake. */
export interface ProcessLike {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Env;
  on?(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off?(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit?(code: number): never;
}

/** NO_COLOR wins, then --no-color, then FORCE_COLOR, then "is it a terminal". */
export function colorEnabled(env: Env, isTTY: boolean, argv: string[]): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (argv.includes('--no-color')) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

function makeLogger(io: IO, debug: boolean): Logger {
  const line = (text: string) => io.stderr.write(`${sanitizeComposed(text, io.color)}\n`);
  return {
    progress: (text) => io.stderrIsTTY && line(text),
    hint: (text) => io.stderrIsTTY && line(text),
    note: line,
    warn: (text) => line(`warning: ${text}`),
    debug: (text) => debug && line(`[debug] ${text}`),
  };
}

/** Parts of the context a test may replace (a scripted prompter, a fixed clock, a simulated disk for the journal). */
export type ContextOverrides = Partial<Pick<Context, 'prompter' | 'now' | 'journal'>>;

/** What the launcher hands in besides the process: the command tree (built from the specs, above lib). */
export type ContextParts = ContextOverrides & Pick<Context, 'commandTree'>;

/** The streams and what is known about them. */
export function buildIO(proc: ProcessLike, argv: string[]): IO {
  return {
    stdout: proc.stdout,
    stderr: proc.stderr,
    stdin: proc.stdin,
    stdoutIsTTY: Boolean(proc.stdout.isTTY),
    stderrIsTTY: Boolean(proc.stderr.isTTY),
    stdinIsTTY: Boolean(proc.stdin.isTTY),
    color: colorEnabled(proc.env, Boolean(proc.stdout.isTTY), argv),
    columns: terminalColumns(proc.env, proc.stdout, proc.stderr),
  };
}

export function buildContext(proc: ProcessLike, argv: string[], globals: GlobalOptions, signal: AbortSignal, parts: ContextParts): Context {
  const io = buildIO(proc, argv);
  const log = makeLogger(io, Boolean(globals.debug));
  const config = lazy<ConfigStore>(async () => {
    const { ConfigStore } = await import('./config.js');
    const store = await ConfigStore.open(proc.env);
    for (const warning of store.permissionWarnings()) log.warn(warning);
    return store;
  });
  const credentials = lazy<Credentials>(async () => {
    const { resolveCredentials, environmentDecides, NO_PROFILES } = await import('./credentials.js');
    // Opening the config file loads conf and ajv: a run whose environment decides skips it.
    return resolveCredentials(globals, proc.env, environmentDecides(globals, proc.env) ? NO_PROFILES : await config());
  });
  const client = lazy<Twilio>(async () => {
    const { createTwilioClient } = await import('./client.js');
    return createTwilioClient(await credentials(), {
      env: proc.env,
      debug: globals.debug ? (line: string) => log.debug(line) : undefined,
      signal,
      allowInsecureHttp: globals.allowInsecureHttp,
    });
  });
  const prompter = lazy<Prompter>(async () => (await import('./prompter.js')).inquirerPrompter(io));
  const files = createFiles(io.stdin, signal);
  return {
    io,
    env: proc.env,
    now: () => new Date(),
    signal,
    globals,
    log,
    config,
    credentials,
    client,
    prompter,
    files,
    journal: fileJournal,
    ...parts,
  };
}
