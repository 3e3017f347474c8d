import { createConversationConfiguration } from '../../../lib/conversations-v2.js';
import { DEFAULT_WAIT } from '../../../lib/conversations-operations.js';
import { UsageError } from '../../../lib/errors.js';
import { defaultMemoryStore } from '../../../lib/memory.js';
import { onlyV3 } from '../../shared/generation.js';
import { waitOptions } from '../../shared/operation-flags.js';
import type { Run } from '../../spec.js';
import { CONVERSATION_CONFIGURATION_COLUMNS } from './columns.js';
import { settingsOf } from './settings.js';
import type { create } from './specs.js';

export const run: Run<typeof create> = async (ctx, options) => {
  onlyV3(ctx, 'conversations configurations');
  if (options.name === undefined) throw new UsageError('missing --name');
  const client = await ctx.client();
  const settings = await settingsOf(client, options);
  let memoryStoreId = settings.memoryStoreId;
  if (memoryStoreId === undefined) {
    // The configuration cannot be made without a store, so this one is waited for even with --no-wait.
    const { store, created } = await defaultMemoryStore(client, { ...DEFAULT_WAIT, signal: ctx.signal });
    ctx.log.hint(`${created ? 'Created' : 'Using'} memory store ${store.displayName} (${store.id}).`);
    memoryStoreId = store.id;
  }
  const accepted = await createConversationConfiguration(
    client,
    { ...settings, displayName: options.name, memoryStoreId },
    waitOptions(ctx, options),
  );
  if (!accepted.result) return { kind: 'item', data: { statusUrl: accepted.statusUrl, ...accepted.related } };
  return { kind: 'item', data: accepted.result, columns: CONVERSATION_CONFIGURATION_COLUMNS };
};
