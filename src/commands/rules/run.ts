import { WaitError } from '../../lib/errors.js';
import { resolveConfiguration, ruleIndex } from '../../lib/v3/configurations.js';
import { listOperatorResults, renderResult, type OperatorResult } from '../../lib/results-v3.js';
import { runRule } from '../../lib/v3/executions.js';
import { listOperators } from '../../lib/v3/operators.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import type { runRule as spec } from './specs.js';

const POLL_MS = 500;

export const run: Run<typeof spec> = async (ctx, options, configurationRef, ruleRef, conversationId) => {
  onlyV3(ctx, 'rules');
  const client = await ctx.client();
  const configuration = await resolveConfiguration(client, configurationRef);
  const rule = configuration.rules[ruleIndex(configuration, ruleRef)];
  const ruleId = rule?.id ?? '';
  const filters = { conversationId, intelligenceConfigurationId: configuration.id };
  const mine = (results: OperatorResult[]) => results.filter((result) => result.intelligenceConfiguration?.ruleId === ruleId);
  const before = new Set(mine(await listOperatorResults(client, filters)).map((result) => result.id));
  await runRule(client, { intelligenceConfigurationId: configuration.id, ruleId, conversationId });
  ctx.log.hint(`Rule ${ruleId} of "${configuration.displayName}" accepted for ${conversationId}.`);
  if (!options.wait) return { kind: 'view', json: [], human: () => '' };

  const deadline = ctx.now().getTime() + (options.timeout ?? 60) * 1000;
  const expected = rule?.operators.length ?? 0;
  let fresh: OperatorResult[] = [];
  for (;;) {
    fresh = mine(await listOperatorResults(client, filters)).filter((result) => !before.has(result.id));
    if (fresh.length >= expected || ctx.now().getTime() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  if (fresh.length === 0) throw new WaitError(`no operator results for rule ${ruleId} after ${options.timeout ?? 60}s`);
  const names = new Map((await listOperators(client)).map((operator) => [String(operator.id), String(operator.displayName)]));
  const results = fresh;
  return {
    kind: 'view',
    json: results,
    human: (style) =>
      `${results.map((result) => renderResult(result, names.get(result.operator?.id ?? '') ?? String(result.operator?.id), style)).join('\n\n')}\n`,
  };
};
