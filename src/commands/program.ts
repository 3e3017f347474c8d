// The commander tree, built from the command specs: by the launcher for a run, and whole for completion.
import { Command } from 'commander';
import type { IO } from '../lib/context.js';
import { VERSION } from '../version.js';
import { GLOBAL_FLAGS } from './globals.js';
import { COMMANDS, findCommand } from './index.js';
import { addFlag, registerCommand, type Act } from './register.js';

/** The top-level command a run names: the first word that is not a global flag or its value (after `help`, the word it asks about). */
function namedCommand(args: string[], program: Command): string | undefined {
  const takesValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === undefined) break;
    if (arg === '--') return args[i + 1];
    if (arg.startsWith('-')) {
      if (takesValue.has(arg)) i++;
      continue;
    }
    return arg === 'help' ? args.slice(i + 1).find((word) => !word.startsWith('-')) : arg;
  }
  return undefined;
}

/** The root command with the global flags, writing through `io`. */
function rootCommand(io: IO): Command {
  const program = new Command('ci')
    .description('Administer Twilio Conversational Intelligence: services, language operators, transcripts and results.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command');
  for (const [key, spec] of Object.entries(GLOBAL_FLAGS)) addFlag(program, key, spec);
  return program
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {}, // main() prints every error, once, in one format
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
    })
    .showSuggestionAfterError(true)
    .helpCommand(false)
    .addHelpText(
      'after',
      '\nExamples:\n  $ ci emulator start            # a local Intelligence API, no account needed\n  $ ci --profile emulator services list\n  $ ci transcribe RE0123… --wait\n  $ ci help exit-codes\n',
    );
}

/**
 * The commander tree. `scope` is the run's arguments (only the command they name is built in full,
 * which keeps start-up flat) or 'all' (completion scripts and the spec tests need every flag).
 */
export async function buildProgram(io: IO, act: Act, scope: string[] | 'all'): Promise<Command> {
  const program = rootCommand(io);
  const named = scope === 'all' ? undefined : findCommand(namedCommand(scope, program));
  for (const entry of COMMANDS) {
    if (scope === 'all' || entry === named) registerCommand(program, await entry.load(), act);
    else
      program
        .command(entry.name)
        .aliases([...(entry.aliases ?? [])])
        .description(entry.summary);
  }
  return program;
}
