import { resolveConfiguration, ruleTree } from '../../lib/v3/configurations.js';
import { listOperators } from '../../lib/v3/operators.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import type { show } from './specs.js';

export const run: Run<typeof show> = async (ctx, _options, ref) => {
  onlyV3(ctx, 'configurations');
  const client = await ctx.client();
  const configuration = await resolveConfiguration(client, ref);
  const names = new Map((await listOperators(client)).map((operator) => [String(operator.id), String(operator.displayName)]));
  return { kind: 'view', json: configuration, human: () => `${ruleTree(configuration, names)}\n` };
};
