// Shared pieces for registering commands: lazy actions, output flags, examples, option parsers.
import { InvalidArgumentError, type Command } from 'commander';
import type { Context } from '../lib/context.js';
import type { CommandResult, OutputOptions } from '../lib/output/types.js';

/** What a command file exports: options in, data out. It never prints. */
export type CommandRun = (ctx: Context, options: any, ...args: any[]) => Promise<CommandResult>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type CommandLoader = () => Promise<{ run: CommandRun }>;

/** Runs a command module for the context the CLI built; set by src/cli.ts. */
export type Runner = (loader: CommandLoader) => (...commanderArgs: unknown[]) => Promise<void>;

export interface OutputFlags {
  json?: boolean;
  ndjson?: boolean;
  fields?: string[];
  header?: boolean;
}

export function outputOptionsOf(flags: OutputFlags): OutputOptions {
  return { json: flags.json, ndjson: flags.ndjson, fields: flags.fields, header: flags.header };
}

/** --json / --fields / --no-header on every command that prints data; --ndjson on lists. */
export function withOutput(command: Command, { list = false } = {}): Command {
  command.option('--json', 'print one JSON document (camelCase fields, as the SDK names them)');
  if (list) command.option('--ndjson', 'print one JSON object per line, as pages arrive');
  return command
    .option('--fields <names>', 'comma-separated fields to show (JSON names)', (value: string) =>
      value
        .split(',')
        .map((field) => field.trim())
        .filter(Boolean),
    )
    .option('--no-header', 'omit the header line of tables and TSV');
}

/** Every command's help ends with examples. */
export function examples(command: Command, ...lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}

export function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError(`${flag} must be a whole number of at least 1`);
    }
    return n;
  };
}

export function nonNegativeInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new InvalidArgumentError(`${flag} must be a whole number of at least 0`);
    }
    return n;
  };
}

export function oneOf<T extends string>(flag: string, allowed: readonly T[], { ignoreCase = true } = {}) {
  const parse = (value: string): T => {
    const match = allowed.find((candidate) => (ignoreCase ? candidate.toLowerCase() === value.toLowerCase() : candidate === value));
    if (!match) throw new InvalidArgumentError(`${flag} must be one of ${allowed.join(', ')}`);
    return match;
  };
  // Shell completion reads the allowed values from the parser (see lib/completion/tree.ts).
  return Object.assign(parse, { choices: allowed });
}

export function httpUrl(flag: string) {
  return (value: string): string => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InvalidArgumentError(`${flag} must be a full http(s) URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`${flag} must be an http or https URL`);
    return value;
  };
}

/** A value that must not be empty (`--profile ""` is a mistake, never "no profile"). */
export function nonEmpty(flag: string) {
  return (value: string): string => {
    if (value.trim() === '') throw new InvalidArgumentError(`${flag} must not be empty`);
    return value;
  };
}

/** Repeatable flags collect into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
