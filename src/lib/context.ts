import type { Twilio } from 'twilio';
import type { Files } from './adapters/files.js';
import type { ConfigStore } from './config.js';
import type { Credentials } from './credentials.js';
import type { Prompter } from './prompter.js';

export type Env = Record<string, string | undefined>;

/** Streams plus what we know about them; owned here so no command asks process.stdout itself. */
export interface IO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Colour on stdout/stderr, decided once from NO_COLOR / FORCE_COLOR / --no-color / TTY. */
  color: boolean;
  columns: number;
}

/** Flags that apply to every command (`ci --help` lists them). */
export interface GlobalOptions {
  profile?: string;
  apiUrl?: string;
  region?: string;
  edge?: string;
  debug?: boolean;
  color?: boolean;
  maxRetries?: number;
  requestTimeoutMs?: number;
  allowInsecureHttp?: boolean;
}

/** Messages for a person, on stderr: progress and hints only on a TTY, warnings always. */
export interface Logger {
  progress(message: string): void;
  hint(message: string): void;
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
  client(): Promise<Twilio>;
  prompter(): Promise<Prompter>;
  /** The files flags and files name: regular files only, size-limited, stopped by the signal. */
  files: Files;
}
