import { listMemoryStores } from '../../lib/memory.js';
import type { Run } from '../spec.js';
import { STORE_COLUMNS } from './columns.js';
import type { storesList } from './specs.js';

export const run: Run<typeof storesList> = async (ctx) => {
  const stores = await listMemoryStores(await ctx.client());
  return { kind: 'list', rows: stores.map((store) => ({ ...store })), columns: STORE_COLUMNS };
};
