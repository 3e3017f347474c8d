import { UsageError } from '../../lib/errors.js';
import { applySetup, askSetupPlan, planSummary } from '../../lib/setup.js';
import type { Run } from '../spec.js';
import type { setupCommand } from './specs.js';

/** The commands to use instead, in the refusal's hint (docs/operators.md has them in full). */
const NON_INTERACTIVE_HINT =
  'run the steps as commands instead: ci services create --unique-name NAME --language-code en-US; ' +
  'ci operators attach NAME "Conversation Summary" "Sentiment Analysis"; ' +
  'ci operators create --name OPERATOR --prompt-file PROMPT.txt [--schema SCHEMA.json] [--examples EXAMPLES.jsonl] --attach NAME (see docs/operators.md)';

export const run: Run<typeof setupCommand> = async (ctx) => {
  if (!ctx.io.stdinIsTTY) throw new UsageError('ci setup asks questions, and stdin is not a terminal', { hint: NON_INTERACTIVE_HINT });
  const prompter = await ctx.prompter();
  const client = await ctx.client();
  const plan = await askSetupPlan(prompter, client, ctx.files, ctx.log);
  for (const line of planSummary(plan)) ctx.log.progress(line);
  if (!(await prompter.confirm('Create all of this?', true))) throw new UsageError('cancelled: nothing was created');
  const outcome = await applySetup(client, plan, ctx.log);
  return {
    kind: 'view',
    json: outcome,
    human: (style) =>
      [
        `${style.green('✓')} Service ${style.bold(outcome.serviceSid)} (${outcome.uniqueName}) is ready with ${outcome.attachedOperatorSids.length} operators.`,
        '',
        'To do the same without questions:',
        ...outcome.commands.map((command) => `  ${command}`),
      ].join('\n'),
  };
};
