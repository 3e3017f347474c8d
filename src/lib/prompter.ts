import { Writable } from 'node:stream';
import type { IO } from './io-types.js';
import { InterruptedError, UsageError } from './errors.js';
import { sanitize } from './output/sanitize.js';

export interface Choice<T> {
  /** What the list shows, and what is echoed once chosen: keep it short (a name). */
  name: string;
  value: T;
  checked?: boolean;
  /** Shown for the highlighted choice only. */
  description?: string;
}

/** Checks an answer as soon as it is given: true, or what is wrong with it (the question is asked again). */
export type Validator = (value: string) => true | string | Promise<true | string>;

/** The questions commands may ask; inquirer behind it, fakes in tests. Ctrl-C at any of them rejects with InterruptedError. */
export interface Prompter {
  input(message: string, options?: { default?: string; validate?: Validator }): Promise<string>;
  password(message: string, options?: { validate?: Validator }): Promise<string>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  select<T>(message: string, choices: Choice<T>[], defaultValue?: T): Promise<T>;
  checkbox<T>(message: string, choices: Choice<T>[]): Promise<T[]>;
  editor(message: string, defaultValue?: string): Promise<string>;
}

/** A prompter that refuses: used whenever stdin is not a terminal, so scripts never hang on a question. */
export function noPrompter(what = 'this value'): Prompter {
  const refuse = (): Promise<never> =>
    Promise.reject(new UsageError(`cannot ask for ${what}: stdin is not a terminal`, { hint: 'pass the value as a flag' }));
  return { input: refuse, password: refuse, confirm: refuse, select: refuse, checkbox: refuse, editor: refuse };
}

/** inquirer's "the user pressed Ctrl-C" (or the prompt was aborted) becomes ci's interrupt: `ci: interrupted`, exit 130. */
async function answer<T>(question: Promise<T>): Promise<T> {
  try {
    return await question;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new InterruptedError();
    throw error;
  }
}

/**
 * Where inquirer draws: stderr, through a stream of its own, since inquirer ends the stream it
 * was given when a prompt closes, and stderr must outlive the question (for `ci: interrupted`).
 */
function questionOutput(io: IO): NodeJS.WritableStream {
  const forward = new Writable({ write: (chunk: Buffer, _encoding, done) => void io.stderr.write(chunk, () => done()) });
  return Object.assign(forward, { isTTY: io.stderrIsTTY, columns: io.columns });
}

export async function inquirerPrompter(io: IO): Promise<Prompter> {
  if (!io.stdinIsTTY) return noPrompter();
  const inquirer = await import('@inquirer/prompts');
  const context = { input: io.stdin, output: questionOutput(io) } as Parameters<typeof inquirer.input>[1];
  // Questions and choices may carry API data (a service's name, operator names): made inert like any other output.
  const safe = <T>(choices: Choice<T>[]) =>
    choices.map((choice) => ({
      ...choice,
      name: sanitize(choice.name),
      ...(choice.description ? { description: sanitize(choice.description) } : {}),
    }));
  return {
    input: (message, options) =>
      answer(inquirer.input({ message: sanitize(message), default: options?.default, validate: options?.validate }, context)),
    password: (message, options) =>
      answer(inquirer.password({ message: sanitize(message), mask: '*', validate: options?.validate }, context)),
    confirm: (message, defaultValue = false) => answer(inquirer.confirm({ message: sanitize(message), default: defaultValue }, context)),
    select: (message, choices, defaultValue) =>
      answer(inquirer.select({ message: sanitize(message), choices: safe(choices), default: defaultValue }, context)),
    checkbox: (message, choices) => answer(inquirer.checkbox({ message: sanitize(message), choices: safe(choices) }, context)),
    editor: (message, defaultValue) => answer(inquirer.editor({ message: sanitize(message), default: defaultValue }, context)),
  };
}
