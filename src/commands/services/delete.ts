import { confirmDestructive } from '../../lib/confirm.js';
import { deleteService, resolveServiceSid } from '../../lib/services.js';
import type { Run } from '../spec.js';
import type { remove } from './specs.js';

export const run: Run<typeof remove> = async (ctx, { yes }, ref) => {
  const client = await ctx.client();
  const sid = await resolveServiceSid(client, ref);
  await confirmDestructive(ctx, `delete service ${ref === sid ? sid : `${ref} (${sid})`}`, yes);
  await deleteService(client, sid);
  ctx.log.hint(`Deleted service ${sid}.`);
  return { kind: 'none' };
};
