import { listOperators } from '../../../lib/v3/operators.js';
import type { Run } from '../../spec.js';
import type { list } from '../specs.js';
import { V3_OPERATOR_LIST_COLUMNS } from './fields.js';

export const run: Run<typeof list> = async (ctx, options) => {
  ctx.log.hint('Conversational Intelligence v3 operators:');
  const rows = (await listOperators(await ctx.client(), options.author)).slice(0, options.limit);
  return { kind: 'list', rows, columns: V3_OPERATOR_LIST_COLUMNS };
};
