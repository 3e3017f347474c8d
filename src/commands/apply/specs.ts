import { TOP_LEVEL } from '../manifest.js';
import { flag, verb } from '../spec.js';

const FILE_HELP = 'the configuration file, YAML or JSON, at most 4 MiB (- for stdin); see docs/config-as-code.md';

/** Guards against a file that exfiltrates secrets or reads what it should not (docs/config-as-code.md). */
const FILE_GUARD_FLAGS = {
  allowEnv: flag.list(
    '--allow-env <name>',
    'expand this ${VAR} although its name says secret (TWILIO_AUTH_TOKEN, …_TOKEN, …_SECRET); repeatable',
  ),
  allowOutsideFiles: flag.bool(
    '--allow-outside-files',
    "let promptFile, schemaFile and examplesFile name files outside the configuration file's directory",
  ),
  allowDuplicateName: flag.bool(
    '--allow-duplicate-name',
    'create an operator although another operator already has its name (lookups by that name then need the SID or ID)',
  ),
};

export const applySpec = verb({
  ...TOP_LEVEL.apply,
  output: ['view', 'text'],
  jsonHelp: 'print what was applied as one JSON document',
  flags: {
    file: flag.string('-f, --file <file>', FILE_HELP),
    prune: flag.bool(
      '--prune',
      'also detach operators not listed, and delete what the file leaves out of the lists it has (services, operators, v3 configurations, conversation configurations)',
    ),
    ...FILE_GUARD_FLAGS,
    yes: flag.bool('-y, --yes', 'do not ask for confirmation (needed when stdin is not a terminal)'),
    printSchema: flag.bool('--print-schema', 'print the JSON Schema of the file and exit'),
  },
  examples: [
    'ci apply -f intelligence.yaml',
    'CI_WEBHOOK_URL=https://example.com/ci-webhook ci --profile prod apply -f intelligence.yaml --yes',
    'ci apply --print-schema > intelligence.schema.json',
  ],
});

export const diffSpec = verb({
  ...TOP_LEVEL.diff,
  output: 'view',
  jsonHelp: 'print the plan as one JSON document',
  flags: {
    file: flag.required(flag.string('-f, --file <file>', FILE_HELP)),
    prune: flag.bool('--prune', 'include the detaches and deletes `ci apply --prune` would make'),
    ...FILE_GUARD_FLAGS,
    exitCode: flag.bool('--exit-code', 'exit 6 when there are changes, 0 when there are none'),
  },
  examples: ['ci diff -f intelligence.yaml', 'ci export | ci diff -f -', 'ci diff -f intelligence.yaml --exit-code --json'],
});

export const exportSpec = verb({
  ...TOP_LEVEL.export,
  output: 'text',
  flags: {
    service: flag.list('--service <service>', 'only this service (unique name or SID) and the operators it uses; repeatable'),
    format: flag.withDefault(flag.choice('--format <format>', ['yaml', 'json'] as const, 'yaml or json'), 'yaml'),
    json: flag.bool('--json', 'the same as --format json', { conflicts: ['format'] }),
  },
  examples: ['ci export > intelligence.yaml', 'ci --profile test export --service test-ci | ci --profile prod diff -f -'],
});
