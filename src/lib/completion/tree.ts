// The command tree as completion scripts need it, read from commander (never written by hand,
// so a new command or flag completes the day it is added).
import type { Command, Option } from 'commander';
import { SuggestingArgument } from './suggesting-argument.js';

/** Values completed from the account (through `ci completion --names`), by what an argument is called. */
export const NAME_KINDS = { service: 'services', operator: 'operators', configuration: 'configurations' } as const;
export type NameKind = (typeof NAME_KINDS)[keyof typeof NAME_KINDS];

export interface CompletionOption {
  /** Every spelling: `--json`, `-y`, `--yes`. */
  names: string[];
  description: string;
  takesValue: boolean;
  /** Allowed values, from `.choices()` or a `oneOf(...)` parser. */
  choices: string[];
  /** Its value names a service, operator or v3 configuration of the account, e.g. `--service <service>`. */
  dynamic?: NameKind;
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
  /** What each positional argument names in the account, if anything; the last may repeat. */
  dynamicArguments: Array<NameKind | undefined>;
  variadicLast: boolean;
}

const kindOf = (name: string | undefined): NameKind | undefined => NAME_KINDS[name as keyof typeof NAME_KINDS];

/** Parsers made by define.ts `oneOf` carry their values, so completion can offer them. */
type ChoiceParser = { choices?: readonly string[] };

function optionOf(option: Option): CompletionOption {
  const parser = option.parseArg as ChoiceParser | undefined;
  return {
    names: [option.short, option.long].filter((name): name is string => Boolean(name)),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: [...(option.argChoices ?? parser?.choices ?? [])],
    dynamic: kindOf(/<([^>.]+)(\.\.\.)?>/.exec(option.flags)?.[1]),
  };
}

function helpOption(): CompletionOption {
  return { names: ['-h', '--help'], description: 'show help for a command', takesValue: false, choices: [] };
}

function firstArgumentWords(command: Command): string[] {
  const first = command.registeredArguments[0];
  return [...(first?.argChoices ?? (first instanceof SuggestingArgument ? first.suggestions : []))];
}

export function completionTree(command: Command, path: string[] = []): CompletionCommand {
  const options = command.options.filter((option) => !option.hidden).map(optionOf);
  return {
    path,
    names: [command.name(), ...command.aliases()],
    description: command.description(),
    options: [...options, helpOption()],
    subcommands: command.commands.map((child) => completionTree(child, [...path, child.name()])),
    argumentChoices: firstArgumentWords(command),
    dynamicArguments: command.registeredArguments.map((argument) => kindOf(argument.name())),
    variadicLast: Boolean(command.registeredArguments.at(-1)?.variadic),
  };
}

export function* walk(node: CompletionCommand): Generator<CompletionCommand> {
  yield node;
  for (const child of node.subcommands) yield* walk(child);
}

export type Shell = 'bash' | 'zsh' | 'fish';
