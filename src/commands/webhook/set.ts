import { updateService } from '../../lib/services.js';
import { SERVICE_DETAIL_COLUMNS } from '../services/fields.js';
import type { Run } from '../spec.js';
import type { set } from './specs.js';

export const run: Run<typeof set> = async (ctx, flags, service, url) => {
  const updated = await updateService(await ctx.client(), service, { webhookUrl: url, webhookHttpMethod: flags.method });
  return { kind: 'item', data: updated, columns: SERVICE_DETAIL_COLUMNS };
};
