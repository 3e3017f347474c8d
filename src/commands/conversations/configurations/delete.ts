import { confirmDestructive } from '../../../lib/confirm.js';
import { deleteConversationConfiguration, resolveConversationConfiguration } from '../../../lib/conversations-v2.js';
import { onlyV3 } from '../../shared/generation.js';
import { waitOptions } from '../../shared/operation-flags.js';
import type { Run } from '../../spec.js';
import type { remove } from './specs.js';

export const run: Run<typeof remove> = async (ctx, options, ref) => {
  onlyV3(ctx, 'conversations configurations');
  const client = await ctx.client();
  const configuration = await resolveConversationConfiguration(client, ref);
  await confirmDestructive(ctx, `delete conversation configuration "${configuration.displayName}" (${configuration.id})`, options.yes);
  const accepted = await deleteConversationConfiguration(client, configuration.id, waitOptions(ctx, options));
  ctx.log.note(
    options.wait
      ? `Deleted conversation configuration ${configuration.id}.`
      : `Deleting conversation configuration ${configuration.id}: ${accepted.statusUrl}`,
  );
  return { kind: 'none' };
};
