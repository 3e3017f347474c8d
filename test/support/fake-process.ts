import { PassThrough } from 'node:stream';
import type { ProcessLike } from '../../src/lib/make-context.js';

export interface FakeProcess extends ProcessLike {
  out(): string;
  err(): string;
}

/** In-memory streams with TTY flags of our choosing, for driving main() in-process. */
export function fakeProcess({
  tty = false,
  env = {},
  stdin = '',
}: { tty?: boolean; env?: Record<string, string>; stdin?: string } = {}): FakeProcess {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty, columns: 120 });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  input.end(stdin);
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  return { stdout, stderr, stdin: input, env, out: () => out, err: () => err };
}
