// What a run is given from outside: its environment, its streams and the global flags. A leaf module
// (it imports nothing from lib) so config, credentials and the prompter can use these types without
// importing the Context that is built from them.

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
  /** Conversational Intelligence API: classic (v2) or v3 (see lib/generation.ts). */
  generation?: 'classic' | 'v3';
}
