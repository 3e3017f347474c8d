import { readOperatorDefinition } from '../../../lib/v3/operator-input.js';
import { createOperator } from '../../../lib/v3/operators.js';
import type { Run } from '../../spec.js';
import type { create } from '../specs.js';
import { V3_OPERATOR_DETAIL_COLUMNS } from './fields.js';

export const run: Run<typeof create> = async (ctx, options) => {
  const definition = await readOperatorDefinition(options, ctx.files);
  return { kind: 'item', data: await createOperator(await ctx.client(), definition), columns: V3_OPERATOR_DETAIL_COLUMNS };
};
