import { readDefinitionParts } from '../../lib/operator-input.js';
import { updateGenerativeOperator } from '../../lib/operators.js';
import type { Run } from '../spec.js';
import { OPERATOR_DETAIL_COLUMNS } from './fields.js';
import type { update } from './specs.js';

export const run: Run<typeof update> = async (ctx, options, ref) => {
  const parts = await readDefinitionParts(options, ctx.files);
  const operator = await updateGenerativeOperator(await ctx.client(), ref, { friendlyName: options.name, parts, ifMatch: options.ifMatch });
  return { kind: 'item', data: operator, columns: OPERATOR_DETAIL_COLUMNS };
};
