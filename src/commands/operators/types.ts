import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import { fetchOperatorType, listOperatorTypes } from '../../lib/operators.js';
import type { CommandResult } from '../../lib/output/types.js';
import { OPERATOR_TYPE_DETAIL_COLUMNS, OPERATOR_TYPE_LIST_COLUMNS } from './fields.js';

export async function run(ctx: Context, flags: { language?: string }, name?: string): Promise<CommandResult> {
  const client = await ctx.client();
  if (name === undefined) return { kind: 'list', rows: listOperatorTypes(client, flags.language), columns: OPERATOR_TYPE_LIST_COLUMNS };
  if (flags.language !== undefined) throw new UsageError('--language filters the list of types; it cannot be combined with a type name');
  return { kind: 'item', data: await fetchOperatorType(client, name), columns: OPERATOR_TYPE_DETAIL_COLUMNS };
}
