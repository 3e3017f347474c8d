// The command tree as completion scripts need it, read from commander (never written by hand,
// so a new command or flag completes the day it is added).
import type { Command, Option } from 'commander';

export interface CompletionOption {
  /** Every spelling: `--json`, `-y`, `--yes`. */
  names: string[];
  description: string;
  takesValue: boolean;
  /** Allowed values, from `.choices()` or a `oneOf(...)` parser. */
  choices: string[];
}

export interface CompletionCommand {
  /** Canonical names from the root, e.g. ['services', 'create']; [] for the root. */
  path: string[];
  names: string[];
  description: string;
  options: CompletionOption[];
  subcommands: CompletionCommand[];
  /** Allowed values of the first argument, e.g. the shells of `ci completion`. */
  argumentChoices: string[];
}

/** Parsers made by define.ts `oneOf` carry their values, so completion can offer them. */
type ChoiceParser = { choices?: readonly string[] };

function optionOf(option: Option): CompletionOption {
  const parser = option.parseArg as ChoiceParser | undefined;
  return {
    names: [option.short, option.long].filter((name): name is string => Boolean(name)),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: [...(option.argChoices ?? parser?.choices ?? [])],
  };
}

function helpOption(): CompletionOption {
  return { names: ['-h', '--help'], description: 'show help for a command', takesValue: false, choices: [] };
}

export function completionTree(command: Command, path: string[] = []): CompletionCommand {
  const options = command.options.filter((option) => !option.hidden).map(optionOf);
  return {
    path,
    names: [command.name(), ...command.aliases()],
    description: command.description(),
    options: [...options, helpOption()],
    subcommands: command.commands.map((child) => completionTree(child, [...path, child.name()])),
    argumentChoices: [...(command.registeredArguments[0]?.argChoices ?? [])],
  };
}

export function* walk(node: CompletionCommand): Generator<CompletionCommand> {
  yield node;
  for (const child of node.subcommands) yield* walk(child);
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
