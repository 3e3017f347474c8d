import { confirmDestructive } from '../../lib/confirm.js';
import { deleteConfiguration, resolveConfiguration } from '../../lib/v3/configurations.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import type { remove } from './specs.js';

export const run: Run<typeof remove> = async (ctx, { yes }, ref) => {
  onlyV3(ctx, 'configurations');
  const client = await ctx.client();
  const configuration = await resolveConfiguration(client, ref);
  await confirmDestructive(ctx, `delete configuration "${configuration.displayName}" (${configuration.id})`, yes);
  await deleteConfiguration(client, configuration.id);
  ctx.log.hint(`Deleted configuration ${configuration.id}.`);
  return { kind: 'none' };
};
