import { UsageError } from '../../lib/errors.js';
import { fetchOperatorType, listOperatorTypes } from '../../lib/operators.js';
import type { Run } from '../spec.js';
import { OPERATOR_TYPE_DETAIL_COLUMNS, OPERATOR_TYPE_LIST_COLUMNS } from './fields.js';
import type { types } from './specs.js';

export const run: Run<typeof types> = async (ctx, { language }, name) => {
  const client = await ctx.client();
  if (name === undefined) return { kind: 'list', rows: listOperatorTypes(client, language), columns: OPERATOR_TYPE_LIST_COLUMNS };
  if (language !== undefined) throw new UsageError('--language filters the list of types; it cannot be combined with a type name');
  return { kind: 'item', data: await fetchOperatorType(client, name), columns: OPERATOR_TYPE_DETAIL_COLUMNS };
};
