import { listConversationConfigurations } from '../../../lib/conversations-v2.js';
import { onlyV3 } from '../../shared/generation.js';
import type { Run } from '../../spec.js';
import { CONVERSATION_CONFIGURATION_COLUMNS } from './columns.js';
import type { list } from './specs.js';

export const run: Run<typeof list> = async (ctx, options) => {
  onlyV3(ctx, 'conversations configurations');
  const rows = (await listConversationConfigurations(await ctx.client())).slice(0, options.limit);
  return { kind: 'list', rows, columns: CONVERSATION_CONFIGURATION_COLUMNS };
};
