import { closeConversation } from '../../lib/conversations-v2.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import type { close } from './ingest-specs.js';

export const run: Run<typeof close> = async (ctx, _options, id) => {
  onlyV3(ctx, 'conversations close');
  const data = await closeConversation(await ctx.client(), id);
  return {
    kind: 'item',
    data,
    columns: [
      { key: 'id', header: 'ID', id: true },
      { key: 'name' },
      { key: 'status' },
      { key: 'configurationId', header: 'CONFIGURATION', id: true },
    ],
  };
};
