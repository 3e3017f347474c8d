import { confirmDestructive } from '../../lib/confirm.js';
import { deleteConversation } from '../../lib/conversations-v2.js';
import { assertConversationId } from '../../lib/conversations-v3.js';
import { onlyV3 } from '../shared/generation.js';
import { waitOptions } from '../shared/operation-flags.js';
import type { Run } from '../spec.js';
import type { remove } from './ingest-specs.js';

export const run: Run<typeof remove> = async (ctx, options, id) => {
  onlyV3(ctx, 'conversations delete');
  assertConversationId(id);
  await confirmDestructive(ctx, `delete conversation ${id} with its communications and Intelligence results`, options.yes);
  const accepted = await deleteConversation(await ctx.client(), id, waitOptions(ctx, options));
  ctx.log.note(options.wait ? `Deleted conversation ${id}.` : `Deleting conversation ${id}: ${accepted.statusUrl}`);
  return { kind: 'none' };
};
