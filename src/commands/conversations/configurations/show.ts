import { resolveConversationConfiguration } from '../../../lib/conversations-v2.js';
import { onlyV3 } from '../../shared/generation.js';
import type { Run } from '../../spec.js';
import { CONVERSATION_CONFIGURATION_COLUMNS } from './columns.js';
import type { show } from './specs.js';

export const run: Run<typeof show> = async (ctx, _options, ref) => {
  onlyV3(ctx, 'conversations configurations');
  const data = await resolveConversationConfiguration(await ctx.client(), ref);
  return { kind: 'item', data, columns: CONVERSATION_CONFIGURATION_COLUMNS };
};
