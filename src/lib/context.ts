import type { Twilio } from 'twilio';
import type { Files } from './adapters/files.js';
import type { JournalFiles } from './adapters/journal.js';
import type { CompletionCommand } from './completion/tree.js';
import type { ConfigStore } from './config.js';
import type { Credentials } from './credentials.js';
import type { Env, GlobalOptions, IO } from './io-types.js';
import type { Prompter } from './prompter.js';

export type { Env, GlobalOptions, IO };

/** Messages for a person, on stderr: progress and hints only on a TTY, warnings always. */
export interface Logger {
  progress(message: string): void;
  hint(message: string): void;
  /** A fact on stderr, terminal or not: what was left as it was, or what a destructive command deleted. */
  note(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

/** Everything a command may touch. Built once by the CLI; tests build fakes. */
export interface Context {
  io: IO;
  env: Env;
  now(): Date;
  /** Aborted on Ctrl-C, so waits and servers can stop cleanly. */
  signal: AbortSignal;
  globals: GlobalOptions;
  log: Logger;
  config(): Promise<ConfigStore>;
  credentials(): Promise<Credentials>;
  /** The Twilio SDK client for the credentials in effect; created (and `twilio` imported) on first use. */
  client: () => Promise<Twilio>;
  prompter(): Promise<Prompter>;
  /** Every command, flag and argument, as the completion scripts need them (built from the command specs). */
  commandTree(): Promise<CompletionCommand>;
  /** The files flags and files name: regular files only, size-limited, stopped by the signal. */
  files: Files;
  /** The files behind a bulk run's --state journal and its lock. */
  journal: JournalFiles;
}
