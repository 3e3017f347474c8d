import type { Context } from '../../lib/context.js';
import type { CommandResult } from '../../lib/output/types.js';
import { fetchService } from '../../lib/services.js';
import { SERVICE_DETAIL_COLUMNS } from './fields.js';

export async function run(ctx: Context, _flags: object, ref: string): Promise<CommandResult> {
  return { kind: 'object', data: await fetchService(await ctx.client(), ref), columns: SERVICE_DETAIL_COLUMNS };
}
