import { listServices } from '../../lib/services.js';
import type { Run } from '../spec.js';
import { SERVICE_LIST_COLUMNS } from './fields.js';
import type { list } from './specs.js';

export const run: Run<typeof list> = async (ctx, { limit }) => ({
  kind: 'list',
  rows: listServices(await ctx.client(), limit),
  columns: SERVICE_LIST_COLUMNS,
});
