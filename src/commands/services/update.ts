import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import type { CommandResult } from '../../lib/output/types.js';
import { updateService } from '../../lib/services.js';
import { SERVICE_DETAIL_COLUMNS, serviceFieldsOf, type ServiceFlags } from './fields.js';

export async function run(ctx: Context, flags: ServiceFlags, ref: string): Promise<CommandResult> {
  const fields = serviceFieldsOf(flags);
  if (Object.keys(fields).length === 0) {
    throw new UsageError('nothing to update: give at least one flag', { hint: 'see `ci services update --help`' });
  }
  const service = await updateService(await ctx.client(), ref, fields);
  return { kind: 'object', data: service, columns: SERVICE_DETAIL_COLUMNS };
}
