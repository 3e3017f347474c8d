// Builds the commander tree and the context; the only place that turns errors into exit codes.
import { Command, CommanderError } from 'commander';
import { findCommand, registerCommands } from './commands/index.js';
import { nonNegativeInt, outputOptionsOf, type CommandLoader, type OutputFlags } from './commands/define.js';
import type { Context, GlobalOptions, IO } from './lib/context.js';
import { CliError, ExitCode, InterruptedError, UsageError, toCliError } from './lib/errors.js';
import { buildContext, type ContextOverrides, type ProcessLike } from './lib/make-context.js';
import { sanitize } from './lib/output/sanitize.js';
import { parseDuration } from './lib/time.js';
import { VERSION } from './version.js';

/** The root command's options as commander names them (`--request-timeout` → requestTimeout). */
type RawGlobals = Omit<GlobalOptions, 'requestTimeoutMs'> & { requestTimeout?: number };

function globalsOf({ requestTimeout, ...rest }: RawGlobals): GlobalOptions {
  return { ...rest, requestTimeoutMs: requestTimeout };
}

/** The top-level command a run names: the first word that is not a global flag or its value (after `help`, the word it asks about). */
function namedCommand(args: string[], program: Command): string | undefined {
  const takesValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return args[i + 1];
    if (arg.startsWith('-')) {
      if (takesValue.has(arg)) i++;
      continue;
    }
    return arg === 'help' ? args.slice(i + 1).find((word) => !word.startsWith('-')) : arg;
  }
  return undefined;
}

/**
 * The commander tree. `scope` is the run's arguments (only the command they name is built in full,
 * which keeps start-up flat) or 'all' (completion scripts need every flag).
 */
export async function buildProgram(
  io: IO,
  run: (loader: CommandLoader, command: Command, args: unknown[]) => Promise<void>,
  scope: string[] | 'all',
): Promise<Command> {
  const program = new Command('ci')
    .description('Administer Twilio Conversational Intelligence: services, language operators, transcripts and results.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--profile <name>', 'use this saved profile (see `ci profiles list`)')
    .option('--api-url <url>', 'send API requests to this base URL (e.g. a local `ci emulator`)')
    .option('--region <region>', 'Twilio region, e.g. ie1')
    .option('--edge <edge>', 'Twilio edge location, e.g. dublin')
    .option('--max-retries <n>', 'retries for rate-limited or failed requests (default 4)', nonNegativeInt('--max-retries'))
    .option('--request-timeout <duration>', 'timeout per HTTP request, e.g. 30s (default)', (value: string) =>
      parseDuration(value, '--request-timeout'),
    )
    .option('--allow-insecure-http', 'allow sending credentials over plain http to a non-loopback host')
    .option('--debug', 'trace HTTP requests (secrets redacted) and show stack traces on errors')
    .option('--no-color', 'disable colour (NO_COLOR and FORCE_COLOR are honoured too)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {}, // main() prints every error, once, in one format
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
    })
    .showSuggestionAfterError(true)
    .helpCommand(false);
  program.addHelpText(
    'after',
    '\nExamples:\n  $ ci emulator start            # a local Intelligence API, no account needed\n  $ ci --profile emulator services list\n  $ ci transcribe RE0123… --wait\n  $ ci help exit-codes\n',
  );
  const named = scope === 'all' ? undefined : findCommand(namedCommand(scope, program));
  const act =
    (loader: CommandLoader) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      await run(loader, command, args.slice(0, -2));
    };
  await registerCommands(program, act, (entry) => scope === 'all' || entry === named);
  return program;
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
  const twilio = error.code ? ` (Twilio error ${error.code}${error.moreInfo ? `: ${error.moreInfo}` : ''})` : '';
  const hint = error.hint ? `; hint: ${error.hint}` : '';
  io.stderr.write(`${sanitize(`ci: ${error.message.replace(/\s*\n\s*/g, ' ')}${twilio}${hint}`)}\n`);
  if (debug && error.stack) io.stderr.write(`${sanitize(error.stack)}\n`);
}

function commanderToCliError(err: CommanderError): CliError | undefined {
  if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code)) {
    return err.code === 'commander.help' ? new UsageError('a subcommand is required (help shown above)') : undefined;
  }
  return new UsageError(err.message.replace(/^error:\s*/, ''), { hint: 'see `--help`' });
}

/** Runs the CLI for argv; returns the exit code. Tests pass a fake process (and may script the prompter). */
export async function main(argv: string[], proc: ProcessLike = process, overrides: ContextOverrides = {}): Promise<number> {
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
  const io = buildContext(proc, argv, {}, controller.signal).io;
  const program = await buildProgram(
    io,
    async (loader: CommandLoader, command: Command, args: unknown[]) => {
      let root = command;
      while (root.parent) root = root.parent;
      ctx = buildContext(proc, argv, globalsOf(root.opts<RawGlobals>()), controller.signal, overrides);
      const { run } = await loader();
      const result = await Promise.race([run(ctx, command.opts(), ...args), interrupted]);
      const { render } = await import('./lib/output/render.js');
      const rendering = render(ctx.io, result, outputOptionsOf(command.opts<OutputFlags>()));
      // A server's event stream ends by itself on Ctrl-C (a clean stop, exit 0); anything else is interrupted.
      await (result.kind === 'events' ? rendering : Promise.race([rendering, interrupted]));
      if (result.kind === 'custom' && result.failure) throw result.failure;
    },
    argv.slice(2),
  );
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
