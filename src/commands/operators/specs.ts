import { AUTHORS, OUTPUT_FORMATS } from '../../lib/v3/names.js';
import { InvalidFlagValue } from '../flag-error.js';
import { arg, flag, verb } from '../spec.js';

const ATTACHMENT_JSON_HELP = 'print {serviceSid, changes: [{operatorSid, friendlyName, change}], attachedOperators} as JSON';
const AVAILABILITIES = ['internal', 'beta', 'public', 'retired', 'general-availability', 'deprecated'] as const;
const OPERATOR = arg('<operator>', 'SID (LY…), v3 ID (intelligence_operator_…) or name; v3: NAME@N for version N');
const SERVICE = arg('<service>', 'SID (GA…) or unique name');
const OPERATORS = arg('<operator...>', 'SIDs (LY…) or friendly names');

/** The parts of a generative operator, shared by create and update. */
const definitionFlags = {
  prompt: flag.string('--prompt <text>', 'the instructions for the model'),
  promptFile: flag.string('--prompt-file <file>', 'read the prompt from a file (- for stdin)'),
  schema: flag.string('--schema <file>', 'JSON Schema of the result (- for stdin); makes a GenerativeJSON operator'),
  example: flag.list('--example <example>', "a training example 'INPUT => OUTPUT' (repeatable)"),
  examples: flag.string('--examples <file>', 'training examples: .json (array of {input, output}), .jsonl or .csv (header input,output)'),
};

/** v3 only: what a v3 operator has and a classic one does not (see README, "Two generations"). */
const v3DefinitionFlags = {
  description: flag.string('--description <text>', 'v3: what the operator is for'),
  outputFormat: flag.choice(
    '--output-format <format>',
    OUTPUT_FORMATS,
    'v3: TEXT, JSON (needs --schema) or CLASSIFICATION (default: JSON with --schema, else TEXT)',
  ),
  parameter: flag.list(
    '--parameter <name:TYPE[=default][!]>',
    'v3: a parameter the prompt uses as {{parameters.name}}; ! means required (repeatable)',
  ),
  memory: flag.bool('--memory', 'v3: let the operator read Memory at run time', { negation: 'v3: no Memory access' }),
  knowledge: flag.bool('--knowledge', 'v3: let the operator read Knowledge sources at run time', { negation: 'v3: no Knowledge access' }),
};

/** Flags each generation alone takes: given to the other one they are refused, never ignored. */
export const V3_ONLY_FLAGS = ['author', 'operatorVersion', 'description', 'outputFormat', 'parameter', 'memory', 'knowledge'] as const;
export const CLASSIC_ONLY_FLAGS = ['prebuilt', 'custom', 'availability', 'language', 'attachedTo', 'attach'] as const;

export const list = verb({
  name: 'list',
  aliases: ['ls'],
  summary:
    "list operators: Twilio's pre-built ones in catalogue order, then custom ones in creation order (the first 50 unless --limit or --all)",
  output: 'list',
  flags: {
    prebuilt: flag.bool('--prebuilt', "only Twilio's pre-built operators", { conflicts: ['custom'] }),
    custom: flag.bool('--custom', "only the account's custom operators", { conflicts: ['prebuilt'] }),
    availability: flag.choice('--availability <status>', AVAILABILITIES, `one of ${AVAILABILITIES.join(', ')}`),
    language: flag.string('--language <code>', 'only operators that support this language, e.g. en-US or en'),
    attachedTo: flag.string('--attached-to <service>', 'only operators attached to this service (SID or unique name), in attach order'),
    author: flag.choice('--author <author>', AUTHORS, 'v3: only SELF (yours) or TWILIO operators'),
  },
  examples: [
    'ci --generation v3 operators list --author TWILIO',
    'ci operators list --prebuilt --language en-US',
    'ci operators list --attached-to test-ci',
    'ci operators list --custom --json',
  ],
});

export const show = verb({
  name: 'show',
  aliases: ['view'],
  summary: 'show an operator, with its config',
  args: [OPERATOR],
  output: 'item',
  flags: { operatorVersion: flag.int('--operator-version <n>', 'v3: show version N (also NAME@N)') },
  examples: [
    'ci --generation v3 operators show "Call category@2"',
    'ci operators show "Sentiment Analysis"',
    'ci operators show LY0123456789abcdef0123456789abcdef --json',
  ],
});

export const types = verb({
  name: 'types',
  summary: 'list operator types, or show one with its config schema',
  args: [arg('[name]', 'an operator type name (e.g. GenerativeJSON) or SID (EY…)')],
  output: ['list', 'item'],
  flags: { language: flag.string('--language <code>', 'only types that support this language') },
  examples: ['ci operators types', 'ci operators types GenerativeJSON --json'],
});

export const attach = verb({
  name: 'attach',
  summary: 'attach operators to a service (already attached ones are left as they are)',
  args: [SERVICE, OPERATORS],
  output: 'view',
  jsonHelp: ATTACHMENT_JSON_HELP,
  examples: ['ci operators attach test-ci "Conversation Summary" "Sentiment Analysis"'],
});

export const detach = verb({
  name: 'detach',
  summary: 'detach operators from a service',
  args: [SERVICE, OPERATORS],
  output: 'view',
  jsonHelp: ATTACHMENT_JSON_HELP,
  examples: ['ci operators detach test-ci "Sentiment Analysis"'],
});

export const create = verb({
  name: 'create',
  summary: 'create a generative custom operator (GenerativeJSON with --schema), validated before sending',
  output: 'item',
  flags: {
    name: flag.string('--name <friendly-name>', 'its friendly name (at most 64 characters)'),
    ...definitionFlags,
    ...v3DefinitionFlags,
    attach: flag.string('--attach <service>', 'attach it to this service (SID or unique name) once created'),
    allowDuplicateName: flag.bool(
      '--allow-duplicate-name',
      'create it even if another operator already has this name (lookups by that name then need the SID or ID)',
    ),
  },
  examples: [
    "ci --generation v3 operators create --name 'Call category' --prompt-file prompt.txt --parameter team:STRING=support --schema category.schema.json --examples examples.jsonl",
    'ci operators create --name "Feedback" --prompt-file prompt.txt --schema feedback.schema.json --examples examples.jsonl --attach test-ci',
    `ci operators create --name "Feedback" --prompt "Classify the feedback" --schema schema.json --example 'How much your product? => {"category":"pricing","emotion":"neutral"}'`,
  ],
});

export const update = verb({
  name: 'update',
  summary: 'change a generative custom operator; given examples replace the current ones',
  args: [OPERATOR],
  output: 'item',
  flags: {
    name: flag.string('--name <friendly-name>', 'a new friendly name'),
    ...definitionFlags,
    ...v3DefinitionFlags,
    ifMatch: flag.int('--if-match <version>', 'only if the operator is still at this version (default: the version just read)'),
  },
  examples: [
    'ci operators update Feedback --prompt-file prompt.txt',
    'ci operators update LY0123456789abcdef0123456789abcdef --examples examples.csv --if-match 3',
  ],
});

export const remove = verb({
  name: 'delete',
  aliases: ['rm'],
  summary: 'delete a custom operator',
  args: [OPERATOR],
  output: 'none',
  flags: { yes: flag.bool('-y, --yes', 'do not ask for confirmation') },
  examples: ['ci operators delete Feedback --yes', 'ci operators delete intelligence_operator_01hx… --yes'],
});

export const versions = verb({
  name: 'versions',
  summary: "v3: list an operator's versions, newest first, with lifecycle status (PREVIEW, ACTIVE, DEPRECATED, RETIRED) and dates",
  args: [arg('<operator>', 'v3 ID (intelligence_operator_…) or display name')],
  output: 'list',
  examples: ['ci --generation v3 operators versions "Call category"'],
});

/** A ratio from 0 to 1, e.g. `0.9`. */
function ratio(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidFlagValue('--min-accuracy must be a number from 0 to 1');
  return n;
}

export const evaluate = verb({
  name: 'eval',
  summary: 'v3: measure operators against labelled conversations, and compare two versions of one',
  args: [arg('<operator...>', 'v3 operators: ID, display name or NAME@VERSION (give two versions to compare them)')],
  output: 'view',
  jsonHelp: 'print the full report: {set, versions[], disagreements[], examples[]} (see README, "ci operators eval")',
  flags: {
    set: flag.required(
      flag.text('--set <file>', 'the labelled set: JSONL of {"conversation": <text or {"file": path}>, "expected": <object or label>}'),
    ),
    minAccuracy: flag.custom('--min-accuracy <ratio>', 'exit 7 when a version scores below this whole-output accuracy (0–1)', ratio),
    failOnRegression: flag.bool('--fail-on-regression', 'exit 7 when the second operator given scores lower than the first'),
    concurrency: flag.int('--concurrency <n>', 'conversations in flight at once (default 5)'),
    state: flag.string('--state <file>', 'remember finished conversations here; run again with the same file to resume'),
    keep: flag.bool('--keep', 'keep the scratch configurations and conversations (the report names them)'),
  },
  stopsOnSignal: true,
  examples: [
    'ci operators eval "Feedback@1" "Feedback@2" --set examples/eval/feedback.jsonl',
    'ci operators eval Feedback --set labelled.jsonl --min-accuracy 0.9 --json',
    'ci operators eval "Feedback@3" "Feedback@4" --set labelled.jsonl --fail-on-regression --concurrency 10 --state eval.state',
  ],
});
