import { listConfigurations } from '../../lib/v3/configurations.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { CONFIGURATION_COLUMNS } from './fields.js';
import type { list } from './specs.js';

export const run: Run<typeof list> = async (ctx, options) => {
  onlyV3(ctx, 'configurations');
  const rows = (await listConfigurations(await ctx.client())).slice(0, options.limit);
  return { kind: 'list', rows, columns: CONFIGURATION_COLUMNS };
};
