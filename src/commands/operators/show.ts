import { resolveOperator } from '../../lib/operators.js';
import type { Run } from '../spec.js';
import { OPERATOR_DETAIL_COLUMNS } from './fields.js';
import type { show } from './specs.js';

export const run: Run<typeof show> = async (ctx, _options, ref) => ({
  kind: 'item',
  data: await resolveOperator(await ctx.client(), ref),
  columns: OPERATOR_DETAIL_COLUMNS,
});
