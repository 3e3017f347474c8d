import type { Context } from '../../lib/context.js';
import { resolveOperator } from '../../lib/operators.js';
import type { CommandResult } from '../../lib/output/types.js';
import { OPERATOR_DETAIL_COLUMNS } from './fields.js';

export async function run(ctx: Context, _flags: object, ref: string): Promise<CommandResult> {
  return { kind: 'item', data: await resolveOperator(await ctx.client(), ref), columns: OPERATOR_DETAIL_COLUMNS };
}
