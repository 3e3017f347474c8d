import type { IO } from './io-types.js';
import { UsageError } from './errors.js';

export interface Choice<T> {
  name: string;
  value: T;
  checked?: boolean;
}

/** The questions commands may ask; inquirer behind it, fakes in tests. */
export interface Prompter {
  input(message: string, options?: { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  password(message: string): Promise<string>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  select<T>(message: string, choices: Choice<T>[]): Promise<T>;
  checkbox<T>(message: string, choices: Choice<T>[]): Promise<T[]>;
  editor(message: string, defaultValue?: string): Promise<string>;
}

/** A prompter that refuses: used whenever stdin is not a terminal, so scripts never hang on a question. */
export function noPrompter(what = 'this value'): Prompter {
  const refuse = async (): Promise<never> => {
    throw new UsageError(`cannot ask for ${what}: stdin is not a terminal`, { hint: 'pass the value as a flag' });
  };
  return { input: refuse, password: refuse, confirm: refuse, select: refuse, checkbox: refuse, editor: refuse };
}

export async function inquirerPrompter(io: IO): Promise<Prompter> {
  if (!io.stdinIsTTY) return noPrompter();
  const inquirer = await import('@inquirer/prompts');
  const context = { input: io.stdin, output: io.stderr } as Parameters<typeof inquirer.input>[1];
  return {
    input: (message, options) => inquirer.input({ message, default: options?.default, validate: options?.validate }, context),
    password: (message) => inquirer.password({ message, mask: '*' }, context),
    confirm: (message, defaultValue = false) => inquirer.confirm({ message, default: defaultValue }, context),
    select: (message, choices) => inquirer.select({ message, choices }, context),
    checkbox: (message, choices) => inquirer.checkbox({ message, choices }, context),
    editor: (message, defaultValue) => inquirer.editor({ message, default: defaultValue }, context),
  };
}
