import { UsageError } from '../../lib/errors.js';
import { updateService } from '../../lib/services.js';
import type { Run } from '../spec.js';
import { SERVICE_DETAIL_COLUMNS, serviceFieldsOf } from './fields.js';
import type { update } from './specs.js';

export const run: Run<typeof update> = async (ctx, options, ref) => {
  const fields = serviceFieldsOf(options);
  if (Object.keys(fields).length === 0) {
    throw new UsageError('nothing to update: give at least one flag', { hint: 'see `ci services update --help`' });
  }
  const service = await updateService(await ctx.client(), ref, fields);
  return { kind: 'item', data: service, columns: SERVICE_DETAIL_COLUMNS };
};
