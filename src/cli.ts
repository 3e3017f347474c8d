// Builds the commander tree from the specs and the context; the only place that turns errors into exit codes.
import { CommanderError, type Command } from 'commander';
import { buildProgram } from './commands/program.js';
import { kindsOf, type Act } from './commands/register.js';
import type { Verb } from './commands/spec.js';
import type { Context, GlobalOptions, IO } from './lib/context.js';
import { CliError, ExitCode, InterruptedError, UsageError, errorText, toCliError } from './lib/errors.js';
import { buildContext, buildIO, type ContextOverrides, type ProcessLike } from './lib/make-context.js';
import { sanitize } from './lib/output/sanitize.js';
import type { CommandResult } from './lib/output/types.js';

/** The root command's options as commander names them (`--request-timeout` → requestTimeout). */
type RawGlobals = Omit<GlobalOptions, 'requestTimeoutMs'> & { requestTimeout?: number };

function globalsOf({ requestTimeout, ...rest }: RawGlobals): GlobalOptions {
  return { ...rest, requestTimeoutMs: requestTimeout };
}

/** The spec kind each result kind answers to: a run that returns another kind is a bug in that command. */
function checkKind(verb: Verb, result: CommandResult): void {
  if (!kindsOf(verb).includes(result.kind)) {
    throw new Error(`"${verb.name}" returned a ${result.kind} result; its spec declares ${kindsOf(verb).join(', ')}`);
  }
}

function exitCodesText(): Promise<string> {
  return import('./lib/errors.js').then(
    ({ EXIT_CODE_HELP }) =>
      ['Exit codes:', ...EXIT_CODE_HELP.map(([code, text]) => `  ${String(code).padStart(3)}  ${text}`)].join('\n') + '\n',
  );
}

/** `ci help`, `ci help <command…>` and `ci help exit-codes`. */
function addHelpCommand(program: Command, io: IO): void {
  program
    .command('help [command...]')
    .description('show help for a command, or `ci help exit-codes`')
    .action(async (path: string[] = []) => {
      if (path.join(' ') === 'exit-codes') return void io.stdout.write(await exitCodesText());
      let target: Command = program;
      for (const name of path) {
        const next = target.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!next) throw new UsageError(`unknown command "${path.join(' ')}"`, { hint: 'see `ci --help`' });
        target = next;
      }
      target.outputHelp();
    });
}

function printError(io: IO, error: CliError, debug: boolean): void {
  const hint = error.hint ? `; hint: ${error.hint}` : '';
  io.stderr.write(`${sanitize(`ci: ${errorText(error)}${hint}`)}\n`);
  if (debug && error.stack) io.stderr.write(`${sanitize(error.stack)}\n`);
}

function commanderToCliError(err: CommanderError): CliError | undefined {
  if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code)) {
    return err.code === 'commander.help' ? new UsageError('a subcommand is required (help shown above)') : undefined;
  }
  return new UsageError(err.message.replace(/^error:\s*/, ''), { hint: 'see `--help`' });
}

/** What a command line parsed to, for tests that check parsing without running anything (gh's `runF`). */
export interface ParsedCommand {
  verb: Verb;
  options: Record<string, unknown>;
  args: unknown[];
  globals: GlobalOptions;
}

export interface MainOptions extends ContextOverrides {
  /** Given, the parsed command is handed here instead of being run: nothing is loaded, sent or printed. */
  onParsed?: (parsed: ParsedCommand) => void;
}

/** Runs the CLI for argv; returns the exit code. Tests pass a fake process (and may script the prompter). */
export async function main(argv: string[], proc: ProcessLike = process, { onParsed, ...overrides }: MainOptions = {}): Promise<number> {
  // A reader that stops early (`ci --help | head -1`) is not an error; commander writes help directly.
  proc.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  proc.on?.('SIGINT', onSignal);
  proc.on?.('SIGTERM', onSignal);
  const interrupted = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(new InterruptedError()), { once: true }),
  );
  interrupted.catch(() => {});
  let ctx: Context | undefined;
  const io = buildIO(proc, argv);
  const commandTree = async () => {
    const { completionTree } = await import('./lib/completion/tree.js');
    return completionTree(await buildProgram(io, async () => {}, 'all'));
  };
  const act: Act = async (verb, command, args) => {
    let root = command;
    while (root.parent) root = root.parent;
    const globals = globalsOf(root.opts<RawGlobals>());
    const options = command.opts();
    if (onParsed) return onParsed({ verb, options, args, globals });
    ctx = buildContext(proc, argv, globals, controller.signal, { ...overrides, commandTree });
    const { run } = await verb.load();
    const running = run(ctx, options, ...(args as []));
    const result = await (verb.stopsOnSignal ? running : Promise.race([running, interrupted]));
    checkKind(verb, result);
    const { render } = await import('./lib/output/render.js');
    const rendering = render(ctx.io, result, options);
    // A server's event stream ends by itself on Ctrl-C (a clean stop, exit 0); anything else is interrupted.
    await (result.kind === 'stream' || verb.stopsOnSignal ? rendering : Promise.race([rendering, interrupted]));
    if (result.kind === 'view' && result.failure) throw result.failure;
  };
  const program = await buildProgram(io, act, argv.slice(2));
  addHelpCommand(program, io);
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (err) {
    const error = err instanceof CommanderError ? commanderToCliError(err) : toCliError(err);
    if (!error) return ExitCode.ok;
    printError(io, error, Boolean(ctx?.globals.debug ?? argv.includes('--debug')));
    if (error.exitCode === ExitCode.interrupted) {
      // Work still in flight (a socket, a timer) must not keep an interrupted CLI alive.
      setTimeout(() => proc.exit?.(ExitCode.interrupted), 300).unref();
    }
    return error.exitCode;
  } finally {
    proc.off?.('SIGINT', onSignal);
    proc.off?.('SIGTERM', onSignal);
  }
}
