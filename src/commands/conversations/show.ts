import { assertConversationId, chatTranscript, fetchConversation } from '../../lib/conversations-v3.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import type { show } from './specs.js';

export const run: Run<typeof show> = async (ctx, _options, id) => {
  onlyV3(ctx, 'conversations');
  assertConversationId(id);
  const conversation = await fetchConversation(await ctx.client(), id);
  return { kind: 'view', json: conversation, human: (style) => `${chatTranscript(conversation, style)}\n` };
};
