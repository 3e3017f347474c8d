// A secret (auth token, API secret) from where `ps` cannot see it: stdin, the environment, or a
// prompt on a terminal. A flag's value is still accepted, and wins, for compatibility.
import type { Context, Env } from './context.js';
import { UsageError } from './errors.js';
import type { Prompter } from './prompter.js';

export interface SecretSource {
  /** What it is, for the prompt: "Auth token". */
  label: string;
  /** The flag that takes it as a value, e.g. --auth-token; `${flag}-stdin` reads it from stdin. */
  flag: string;
  /** The flag's value, when given. */
  value?: string;
  /** `${flag}-stdin` was given. */
  fromStdin?: boolean;
  /** The environment variable that may hold it. */
  envName?: string;
}

/** Where a secret may come from besides the flags: handed in by the caller (the context). */
export interface SecretInputs {
  env: Env;
  stdin: NodeJS.ReadableStream;
  stdinIsTTY: boolean;
  /** Given when a missing secret may be asked for; used only when stdin is a terminal. */
  prompter?: () => Promise<Prompter>;
}

/** A secret is a line, not a file: anything longer is a mistake (a file piped to the wrong command). */
const MAX_SECRET_BYTES = 4096;

/** The flag's value, else stdin (with `${flag}-stdin`), else the environment, else a prompt on a terminal. */
export async function readSecret(source: SecretSource, inputs: SecretInputs): Promise<string | undefined> {
  if (source.value !== undefined && source.fromStdin) throw new UsageError(`give ${source.flag} or ${source.flag}-stdin, not both`);
  if (source.value !== undefined) return nonEmpty(source.value, source.flag);
  if (source.fromStdin) return nonEmpty(await readSecretLine(inputs.stdin, `${source.flag}-stdin`), `${source.flag}-stdin`);
  const fromEnv = source.envName === undefined ? undefined : inputs.env[source.envName];
  if (fromEnv) return fromEnv;
  if (inputs.prompter && inputs.stdinIsTTY) return nonEmpty(await (await inputs.prompter()).password(source.label), source.label);
  return undefined;
}

function nonEmpty(value: string, what: string): string {
  if (value.trim() === '') throw new UsageError(`${what} is empty`);
  return value;
}

/** The first line of stdin (as `docker login --password-stdin` reads it), at most 4 KiB. */
async function readSecretLine(stdin: NodeJS.ReadableStream, flag: string): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.length > MAX_SECRET_BYTES) throw new UsageError(`${flag}: stdin holds more than a secret (over 4 KiB)`);
  }
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  if (lines.length > 1) throw new UsageError(`${flag}: stdin holds more than one line`);
  return lines[0] ?? '';
}

/** The context's stdin, environment and (on a terminal) prompter. */
export function secretInputsOf(ctx: Pick<Context, 'env' | 'io' | 'prompter'>, { prompt }: { prompt: boolean }): SecretInputs {
  return { env: ctx.env, stdin: ctx.io.stdin, stdinIsTTY: ctx.io.stdinIsTTY, prompter: prompt ? () => ctx.prompter() : undefined };
}
