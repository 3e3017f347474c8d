import { arg, flag, verb } from '../spec.js';

export const runRule = verb({
  name: 'run',
  summary: 'v3: run one rule of a configuration on a conversation (a RuleExecution); --wait prints its operator results',
  args: [
    arg('<configuration>', 'configuration ID or display name'),
    arg('<rule>', 'rule ID or 1-based position'),
    arg('<conversation>', 'conversation ID (conv_conversation_…)'),
  ],
  output: 'view',
  jsonHelp: "print the rule's OperatorResult objects as the API returns them (with --wait; else [])",
  flags: {
    wait: flag.bool('--wait', "wait for the rule's operator results and print them"),
    timeout: flag.duration('--timeout <duration>', 'with --wait: give up after this long, e.g. 90s or 2m (default 60s)', {
      min: 1000,
      in: 's',
    }),
  },
  examples: ['ci rules run post-call 1 conv_conversation_01hx… --wait'],
});
