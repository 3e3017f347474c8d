import type { Context } from '../../lib/context.js';
import type { CommandResult } from '../../lib/output/types.js';
import { assertConversationId } from '../../lib/conversations-v3.js';
import { listOperatorResults, renderConversationResults, type OperatorResult } from '../../lib/results-v3.js';
import { resolveConfiguration } from '../../lib/v3/configurations.js';
import { listOperators, resolveOperator } from '../../lib/v3/operators.js';
import { refuseFlags, type ResultsOptions } from './options.js';

const SEPARATOR = `\n\n${'─'.repeat(40)}\n\n`;
const CLASSIC_ONLY = ['redacted', 'wait', 'timeout', 'interval', 'yes'] as const;

/** v3: each conversation's OperatorResults, one section per result; JSON is one flat array of them as the API returns them. */
export async function v3Results(ctx: Context, options: ResultsOptions, ids: string[]): Promise<CommandResult> {
  refuseFlags(options, CLASSIC_ONLY, 'v3 conversations (they have no transcript to wait for or redact)');
  ids.forEach(assertConversationId);
  const client = await ctx.client();
  const operators = await listOperators(client);
  const names = new Map(operators.map((operator) => [String(operator.id), String(operator.displayName)]));
  const operatorId = options.operator === undefined ? undefined : String((await resolveOperator(client, options.operator)).id);
  const configurationId = options.configuration === undefined ? undefined : (await resolveConfiguration(client, options.configuration)).id;
  const reports: { conversationId: string; results: OperatorResult[] }[] = [];
  for (const conversationId of ids) {
    const filters = {
      conversationId,
      ...(configurationId ? { intelligenceConfigurationId: configurationId } : {}),
      ...(operatorId ? { operatorId } : {}),
    };
    reports.push({ conversationId, results: await listOperatorResults(client, filters) });
  }
  return {
    kind: 'view',
    json: reports.flatMap((report) => report.results),
    human: (style) =>
      `${reports.map((report) => renderConversationResults(report.conversationId, report.results, names, style)).join(SEPARATOR)}\n`,
  };
}
