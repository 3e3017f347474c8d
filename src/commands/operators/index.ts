import { Option, type Command } from 'commander';
import { collect, examples, oneOf, positiveInt, withOutput, type Runner } from '../define.js';

const ATTACHMENT_JSON_HELP = 'print {serviceSid, changes: [{operatorSid, friendlyName, change}], attachedOperators} as JSON';
const AVAILABILITIES = ['internal', 'beta', 'public', 'retired', 'general-availability', 'deprecated'] as const;

/** The parts of a generative operator, shared by create and update. */
function definitionFlags(command: Command): Command {
  return command
    .option('--prompt <text>', 'the instructions for the model')
    .option('--prompt-file <file>', 'read the prompt from a file (- for stdin)')
    .option('--schema <file>', 'JSON Schema of the result (- for stdin); makes a GenerativeJSON operator')
    .option('--example <example>', "a training example 'INPUT => OUTPUT' (repeatable)", collect)
    .option('--examples <file>', 'training examples: .json (array of {input, output}), .jsonl or .csv (header input,output)');
}

export function registerOperators(program: Command, act: Runner): void {
  const operators = program.command('operators');

  examples(
    withOutput(
      operators
        .command('list')
        .alias('ls')
        .description('list operators (pre-built and custom)')
        .addOption(new Option('--prebuilt', "only Twilio's pre-built operators").conflicts('custom'))
        .addOption(new Option('--custom', "only the account's custom operators").conflicts('prebuilt'))
        .addOption(
          new Option('--availability <status>', `one of ${AVAILABILITIES.join(', ')}`).argParser(oneOf('--availability', AVAILABILITIES)),
        )
        .option('--language <code>', 'only operators that support this language, e.g. en-US or en')
        .option('--attached-to <service>', 'only operators attached to this service (SID or unique name), in attach order')
        .option('--limit <n>', 'at most this many', positiveInt('--limit')),
      { list: true },
    ),
    'ci operators list --prebuilt --language en-US',
    'ci operators list --attached-to test-ci',
    'ci operators list --custom --json',
  ).action(act(() => import('./list.js')));

  examples(
    withOutput(
      operators
        .command('show')
        .alias('view')
        .description('show an operator, with its config')
        .argument('<operator>', 'SID (LY…) or friendly name'),
    ),
    'ci operators show "Sentiment Analysis"',
    'ci operators show LY0123456789abcdef0123456789abcdef --json',
  ).action(act(() => import('./show.js')));

  examples(
    withOutput(
      operators
        .command('types')
        .description('list operator types, or show one with its config schema')
        .argument('[name]', 'an operator type name (e.g. GenerativeJSON) or SID (EY…)')
        .option('--language <code>', 'only types that support this language'),
      { list: true },
    ),
    'ci operators types',
    'ci operators types GenerativeJSON --json',
  ).action(act(() => import('./types.js')));

  examples(
    operators
      .command('attach')
      .description('attach operators to a service (already attached ones are left as they are)')
      .argument('<service>', 'SID (GA…) or unique name')
      .argument('<operator...>', 'SIDs (LY…) or friendly names')
      .option('--json', ATTACHMENT_JSON_HELP),
    'ci operators attach test-ci "Conversation Summary" "Sentiment Analysis"',
  ).action(act(() => import('./attach.js')));

  examples(
    operators
      .command('detach')
      .description('detach operators from a service')
      .argument('<service>', 'SID (GA…) or unique name')
      .argument('<operator...>', 'SIDs (LY…) or friendly names')
      .option('--json', ATTACHMENT_JSON_HELP),
    'ci operators detach test-ci "Sentiment Analysis"',
  ).action(act(() => import('./detach.js')));

  examples(
    withOutput(
      definitionFlags(
        operators
          .command('create')
          .description('create a generative custom operator (GenerativeJSON with --schema), validated before sending')
          .option('--name <friendly-name>', 'its friendly name (at most 64 characters)'),
      ).option('--attach <service>', 'attach it to this service (SID or unique name) once created'),
    ),
    'ci operators create --name "Feedback" --prompt-file prompt.txt --schema feedback.schema.json --examples examples.jsonl --attach test-ci',
    `ci operators create --name "Feedback" --prompt "Classify the feedback" --schema schema.json --example 'How much your product? => {"category":"pricing","emotion":"neutral"}'`,
  ).action(act(() => import('./create.js')));

  examples(
    withOutput(
      definitionFlags(
        operators
          .command('update')
          .description('change a generative custom operator; given examples replace the current ones')
          .argument('<operator>', 'SID (LY…) or friendly name')
          .option('--name <friendly-name>', 'a new friendly name'),
      ).option(
        '--if-match <version>',
        'only if the operator is still at this version (default: the version just read)',
        positiveInt('--if-match'),
      ),
    ),
    'ci operators update Feedback --prompt-file prompt.txt',
    'ci operators update LY0123456789abcdef0123456789abcdef --examples examples.csv --if-match 3',
  ).action(act(() => import('./update.js')));

  examples(
    operators
      .command('delete')
      .alias('rm')
      .description('delete a custom operator')
      .argument('<operator>', 'SID (LY…) or friendly name')
      .option('-y, --yes', 'do not ask for confirmation'),
    'ci operators delete Feedback --yes',
  ).action(act(() => import('./delete.js')));
}
