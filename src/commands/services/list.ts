import type { Context } from '../../lib/context.js';
import type { CommandResult } from '../../lib/output/types.js';
import { listServices } from '../../lib/services.js';
import { SERVICE_LIST_COLUMNS } from './fields.js';

export async function run(ctx: Context, flags: { limit?: number }): Promise<CommandResult> {
  return { kind: 'list', rows: listServices(await ctx.client(), flags.limit), columns: SERVICE_LIST_COLUMNS };
}
