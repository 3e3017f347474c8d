import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ProcessLike } from '../../src/lib/make-context.js';

export interface FakeProcess extends ProcessLike {
  out(): string;
  err(): string;
  /** Delivers a signal as a terminal would on Ctrl-C (SIGINT) or a `kill` (SIGTERM). */
  signal(name: 'SIGINT' | 'SIGTERM'): void;
  /** Calls `listener` after each write to stdout or stderr; returns the unsubscribe. */
  onOutput(listener: () => void): () => void;
}

export interface FakeProcessOptions {
  /** stdout, stderr and stdin are terminals (default: all piped). */
  tty?: boolean;
  /** stderr alone is a terminal (stdout piped): what `ci … | jq` on a terminal has. */
  stderrTty?: boolean;
  /** Terminal width (default 120). */
  columns?: number;
  env?: Record<string, string | undefined>;
  /** What stdin holds; it ends after that (default: empty). */
  stdin?: string;
}

/** In-memory streams with TTY flags and a width of our choosing, for driving main() in-process. */
export function fakeProcess({ tty = false, stderrTty = tty, columns = 120, env = {}, stdin = '' }: FakeProcessOptions = {}): FakeProcess {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty, columns });
  const stderr = Object.assign(new PassThrough(), { isTTY: stderrTty });
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  input.end(stdin);
  let out = '';
  let err = '';
  const output = new EventEmitter();
  stdout.on('data', (chunk) => {
    out += chunk;
    output.emit('output');
  });
  stderr.on('data', (chunk) => {
    err += chunk;
    output.emit('output');
  });
  const signals = new EventEmitter();
  return {
    stdout,
    stderr,
    stdin: input,
    env,
    on: (event, listener) => signals.on(event, listener),
    off: (event, listener) => signals.off(event, listener),
    signal: (name) => signals.emit(name),
    onOutput: (listener) => {
      output.on('output', listener);
      return () => output.off('output', listener);
    },
    out: () => out,
    err: () => err,
  };
}
