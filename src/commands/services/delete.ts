import { confirmDestructive } from '../../lib/confirm.js';
import type { Context } from '../../lib/context.js';
import type { CommandResult } from '../../lib/output/types.js';
import { deleteService, resolveServiceSid } from '../../lib/services.js';

export async function run(ctx: Context, flags: { yes?: boolean }, ref: string): Promise<CommandResult> {
  const client = await ctx.client();
  const sid = await resolveServiceSid(client, ref);
  await confirmDestructive(ctx, `delete service ${ref === sid ? sid : `${ref} (${sid})`}`, flags.yes);
  await deleteService(client, sid);
  ctx.log.hint(`Deleted service ${sid}.`);
  return { kind: 'none' };
}
