import { UsageError } from '../../lib/errors.js';
import { createMemoryStore } from '../../lib/memory.js';
import { waitOptions } from '../shared/operation-flags.js';
import type { Run } from '../spec.js';
import { STORE_COLUMNS } from './columns.js';
import type { storesCreate } from './specs.js';

export const run: Run<typeof storesCreate> = async (ctx, options) => {
  if (options.name === undefined) throw new UsageError('missing --name');
  const created = await createMemoryStore(
    await ctx.client(),
    { displayName: options.name, ...(options.description === undefined ? {} : { description: options.description }) },
    waitOptions(ctx, options),
  );
  if (!created.store) {
    ctx.log.hint(`Accepted; the store is provisioning: ${created.statusUrl}`);
    return { kind: 'item', data: { statusUrl: created.statusUrl } };
  }
  return { kind: 'item', data: { ...created.store }, columns: STORE_COLUMNS };
};
