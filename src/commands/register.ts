// The one registrar: builds commander commands from the specs (src/commands/spec.ts).
import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../lib/errors.js';
import { DEFAULT_LIST_LIMIT, rowsToRead } from '../lib/output/list-limit.js';
import { InvalidFlagValue } from './flag-error.js';
import { flag, type FlagSpec, type Group, type OutputKind, type Verb } from './spec.js';
import { SuggestingArgument } from '../lib/completion/suggesting-argument.js';

/** Runs a verb once commander has parsed its command line (set by src/cli.ts). */
export type Act = (verb: Verb, command: Command, args: unknown[]) => Promise<void>;

const JSON_HELP = 'print one JSON document (camelCase fields, as the SDK names them)';

/** The output flags a kind brings; `jsonHelp` words `--json` for views whose shape needs saying. */
function outputFlags(kind: OutputKind, jsonHelp?: string): Record<string, FlagSpec> {
  const fields = flag.csv('--fields <names>', 'comma-separated fields to show (JSON names)');
  const header = flag.bool('--no-header', 'omit the header line of tables and TSV');
  switch (kind) {
    case 'item':
      return { json: flag.bool('--json', jsonHelp ?? JSON_HELP), fields, header };
    case 'list':
      return {
        json: flag.bool('--json', jsonHelp ?? JSON_HELP),
        ndjson: flag.bool('--ndjson', 'print one JSON object per line, as pages arrive', { conflicts: ['json'] }),
        fields,
        header,
        limit: flag.int('--limit <n>', `at most this many (default ${DEFAULT_LIST_LIMIT})`, { conflicts: ['all'] }),
        all: flag.bool('--all', 'every row, however many pages'),
      };
    case 'view':
      return {
        json: flag.bool('--json', jsonHelp ?? JSON_HELP),
        ndjson: flag.bool('--ndjson', 'print the JSON form one element per line', { conflicts: ['json'] }),
      };
    case 'stream':
      return {
        json: flag.bool('--json', 'deprecated: the same as --ndjson'),
        ndjson: flag.bool('--ndjson', jsonHelp ?? 'print the events as JSON lines', { conflicts: ['json'] }),
      };
    case 'text':
    case 'none':
      return {};
  }
}

export function kindsOf(verb: Pick<Verb, 'output'>): readonly OutputKind[] {
  return typeof verb.output === 'string' ? [verb.output] : verb.output;
}

/**
 * Every flag of a verb: its own, then the output flags of its kinds (help lists them in that order).
 * A verb may give an output flag its own meaning (`profiles import --all` imports every profile).
 */
export function flagsOf(verb: Verb): Record<string, FlagSpec> {
  const output = kindsOf(verb).map((kind) => outputFlags(kind, verb.jsonHelp));
  return Object.assign({}, verb.flags, ...output, verb.flags) as Record<string, FlagSpec>;
}

/** Commander's way of refusing a value: `… argument 'x' is invalid. <why>`. */
function refusing<T>(parse: (value: string, previous: T) => unknown) {
  return (value: string, previous: T) => {
    try {
      return parse(value, previous);
    } catch (error) {
      if (error instanceof InvalidFlagValue) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}

function commanderParser(spec: FlagSpec): ((value: string, previous: unknown) => unknown) | undefined {
  if (!spec.parse) return undefined;
  const wrapped = refusing(spec.parse.bind(spec));
  // Shell completion reads the allowed values from the parser (lib/completion/tree.ts).
  return Object.assign(wrapped, { choices: spec.choices });
}

export function addFlag(command: Command, key: string, spec: FlagSpec): void {
  const option = new Option(spec.flags, spec.help);
  const parser = commanderParser(spec);
  if (parser) option.argParser(parser);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.conflicts) option.conflicts([...spec.conflicts]);
  if (spec.required) option.makeOptionMandatory();
  if (spec.hidden) option.hideHelp();
  // A key that is not commander's name for the flag would hand `run` nothing: a spec bug, caught by the spec tests.
  if (option.attributeName() !== key)
    throw new Error(`spec of "${command.name()}": flag ${spec.flags} must be keyed "${option.attributeName()}"`);
  command.addOption(option);
  if (spec.negation) command.addOption(new Option(`--no-${longFlagName(spec.flags)}`, spec.negation));
}

function longFlagName(flags: string): string {
  return (/--([\w-]+)/.exec(flags)?.[1] ?? flags).replace(/^no-/, '');
}

function addExamples(command: Command, examples: readonly string[]): void {
  command.addHelpText('after', `\nExamples:\n${examples.map((line) => `  $ ${line}`).join('\n')}\n`);
}

/**
 * A list verb reads what its list shows plus one row (see ListOutput.limit): `--limit`, else every row
 * with `--all` or for a verb that lists all, else the default. A verb's own `--all` is not about paging.
 */
function setRowsToRead(command: Command, verb: Verb): void {
  const { limit, all } = command.opts<{ limit?: number; all?: boolean }>();
  const pagingAll = verb.flags?.all === undefined && all === true;
  const shown = limit ?? (pagingAll || verb.listsAll ? Infinity : DEFAULT_LIST_LIMIT);
  command.setOptionValue('limit', rowsToRead(shown));
}

/**
 * A verb that reads its input from `-f, --file` takes no arguments: a stray one (`ci apply app.yaml`)
 * is most likely the file, so the refusal says how to give it.
 */
function refuseStrayFile(command: Command): void {
  command.allowExcessArguments(true).hook('preAction', () => {
    const [stray] = command.args;
    if (stray === undefined) return;
    throw new UsageError(`ci ${command.name()} takes no arguments (got "${stray}")`, { hint: `to read that file: -f ${stray}` });
  });
}

function registerVerb(parent: Command, verb: Verb, act: Act): Command {
  const command = parent
    .command(verb.name)
    .aliases([...(verb.aliases ?? [])])
    .description(verb.summary);
  for (const spec of verb.args ?? []) {
    const argument = spec.suggestions ? new SuggestingArgument(spec.name, spec.help, spec.suggestions) : new Argument(spec.name, spec.help);
    if (spec.choices) argument.choices([...spec.choices]);
    const check = spec.check?.bind(spec);
    if (check)
      argument.argParser(
        refusing((value: string) => {
          check(value);
          return value;
        }),
      );
    command.addArgument(argument);
  }
  for (const [key, spec] of Object.entries(flagsOf(verb))) addFlag(command, key, spec);
  addExamples(command, verb.examples);
  if (verb.helpAfter) command.addHelpText('after', verb.helpAfter);
  if (verb.flags?.file !== undefined && !verb.args?.length) refuseStrayFile(command);
  if (kindsOf(verb).includes('list')) command.hook('preAction', () => setRowsToRead(command, verb));
  return command.action(async (...args: unknown[]) => act(verb, command, args.slice(0, -2)));
}

/** Adds a verb or a group (with everything under it) to `parent`. */
export function registerCommand(parent: Command, spec: Verb | Group, act: Act): Command {
  if (spec.kind === 'verb') return registerVerb(parent, spec, act);
  const command = parent
    .command(spec.name)
    .aliases([...(spec.aliases ?? [])])
    .description(spec.summary);
  addExamples(command, spec.examples);
  for (const child of spec.commands) registerCommand(command, child, act);
  return command;
}
