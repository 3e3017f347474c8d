import { fetchService } from '../../lib/services.js';
import type { Run } from '../spec.js';
import { SERVICE_DETAIL_COLUMNS } from './fields.js';
import type { show } from './specs.js';

export const run: Run<typeof show> = async (ctx, _options, ref) => ({
  kind: 'item',
  data: await fetchService(await ctx.client(), ref),
  columns: SERVICE_DETAIL_COLUMNS,
});
