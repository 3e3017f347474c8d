import { TRIGGERS } from '../../lib/v3/names.js';
import { arg, flag, verb } from '../spec.js';

const CONFIGURATION = arg('<configuration>', 'ID (intelligence_configuration_…) or display name');
const RULE = arg('<rule>', 'rule ID (intelligence_configurationrule_…) or 1-based position');

/** One rule from flags: the simple case; a file (--file) gives many. */
const ruleFlags = {
  operator: flag.list('--operator <operator>', 'an operator by name or ID, NAME@N to pin version N (repeatable, at most 5)'),
  trigger: flag.choice('--trigger <on>', TRIGGERS, 'when the rule runs (default CONVERSATION_END)'),
  every: flag.int('--every <n>', 'with --trigger COMMUNICATION: every N communications (1–20)'),
  webhook: flag.list('--webhook <url>', 'a WEBHOOK action (POST) to this URL (repeatable, at most 2)'),
};

export const list = verb({
  name: 'list',
  aliases: ['ls'],
  summary: 'list Intelligence Configurations (v3)',
  output: 'list',
  examples: ['ci configurations list'],
});

export const show = verb({
  name: 'show',
  aliases: ['view'],
  summary: 'show a configuration with its rules as a tree: trigger → operators@version → actions',
  args: [CONFIGURATION],
  output: 'view',
  jsonHelp: 'print the configuration as the API returns it',
  examples: ['ci configurations show post-call', 'ci configurations show intelligence_configuration_01hx… --json'],
});

export const create = verb({
  name: 'create',
  summary: 'create a configuration: one rule from flags, or many from a JSON file ({displayName, description, rules})',
  output: 'item',
  flags: {
    name: flag.string('--name <display-name>', 'its display name (at most 128 characters)'),
    description: flag.string('--description <text>', 'what it is for'),
    file: flag.string(
      '--file <file>',
      'a JSON file {displayName, description, rules: [{operators, triggers, actions}]}; operators by name or ID',
    ),
    ...ruleFlags,
  },
  examples: [
    "ci configurations create --name post-call --operator 'Sentiment Analysis' --operator 'Call category@1' --webhook https://example.com/hook",
    'ci configurations create --file post-call.json',
  ],
});

export const remove = verb({
  name: 'delete',
  aliases: ['rm'],
  summary: 'delete a configuration',
  args: [CONFIGURATION],
  output: 'none',
  flags: { yes: flag.bool('-y, --yes', 'do not ask for confirmation') },
  examples: ['ci configurations delete post-call --yes'],
});

export const rulesAdd = verb({
  name: 'add',
  summary: 'add operators or webhooks to a rule (or, with `new` as the rule, add a rule); the rest of the configuration is kept',
  args: [CONFIGURATION, arg('<rule>', 'rule ID, 1-based position, or `new`')],
  output: 'item',
  flags: ruleFlags,
  examples: [
    "ci configurations rules add post-call 1 --operator 'Conversation Summary'",
    'ci configurations rules add post-call new --operator Sentiment --trigger CONVERSATION_INACTIVE',
  ],
});

export const rulesRemove = verb({
  name: 'remove',
  aliases: ['rm'],
  summary: 'remove operators or webhooks from a rule, or the whole rule when neither is given',
  args: [CONFIGURATION, RULE],
  output: 'item',
  flags: {
    operator: flag.list('--operator <operator>', 'an operator of the rule, by name or ID (repeatable)'),
    webhook: flag.list('--webhook <url>', 'a webhook URL of the rule (repeatable)'),
  },
  examples: ["ci configurations rules remove post-call 1 --operator 'Conversation Summary'", 'ci configurations rules remove post-call 2'],
});
