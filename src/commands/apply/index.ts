import { Option, type Command } from 'commander';
import { collect, examples, oneOf, type Runner } from '../define.js';

const FILE_HELP = 'the configuration file, YAML or JSON, at most 4 MiB (- for stdin); see docs/config-as-code.md';
const ALLOW_ENV_HELP = 'expand this ${VAR} although its name says secret (TWILIO_AUTH_TOKEN, …_TOKEN, …_SECRET); repeatable';
const ALLOW_OUTSIDE_HELP = "let promptFile, schemaFile and examplesFile name files outside the configuration file's directory";

export function registerApply(program: Command, act: Runner): void {
  examples(
    program
      .command('apply')
      .option('-f, --file <file>', FILE_HELP)
      .option('--prune', 'also detach operators not listed, and delete services and custom operators not in the file')
      .option('--allow-env <name>', ALLOW_ENV_HELP, collect)
      .option('--allow-outside-files', ALLOW_OUTSIDE_HELP)
      .option('-y, --yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
      .option('--print-schema', 'print the JSON Schema of the file and exit')
      .option('--json', 'print what was applied as one JSON document'),
    'ci apply -f intelligence.yaml',
    'CI_WEBHOOK_URL=https://example.com/ci-webhook ci --profile prod apply -f intelligence.yaml --yes',
    'ci apply --print-schema > intelligence.schema.json',
  ).action(act(() => import('./apply.js')));
}

export function registerDiff(program: Command, act: Runner): void {
  examples(
    program
      .command('diff')
      .requiredOption('-f, --file <file>', FILE_HELP)
      .option('--prune', 'include the detaches and deletes `ci apply --prune` would make')
      .option('--allow-env <name>', ALLOW_ENV_HELP, collect)
      .option('--allow-outside-files', ALLOW_OUTSIDE_HELP)
      .option('--exit-code', 'exit 6 when there are changes, 0 when there are none')
      .option('--json', 'print the plan as one JSON document'),
    'ci diff -f intelligence.yaml',
    'ci export | ci diff -f -',
    'ci diff -f intelligence.yaml --exit-code --json',
  ).action(act(() => import('./diff.js')));
}

export function registerExport(program: Command, act: Runner): void {
  examples(
    program
      .command('export')
      .option('--service <service>', 'only this service (unique name or SID) and the operators it uses; repeatable', collect)
      .addOption(new Option('--format <format>', 'yaml or json').argParser(oneOf('--format', ['yaml', 'json'] as const)).default('yaml')),
    'ci export > intelligence.yaml',
    'ci --profile test export --service test-ci | ci --profile prod diff -f -',
  ).action(act(() => import('./export.js')));
}
