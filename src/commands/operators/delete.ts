import { confirmDestructive } from '../../lib/confirm.js';
import type { Context } from '../../lib/context.js';
import { deleteCustomOperator, resolveCustomOperator } from '../../lib/operators.js';
import type { CommandResult } from '../../lib/output/types.js';

export async function run(ctx: Context, flags: { yes?: boolean }, ref: string): Promise<CommandResult> {
  const client = await ctx.client();
  const operator = await resolveCustomOperator(client, ref, 'delete');
  const sid = operator.sid as string;
  await confirmDestructive(ctx, `delete operator "${operator.friendlyName as string}" (${sid})`, flags.yes);
  await deleteCustomOperator(client, sid);
  ctx.log.hint(`Deleted operator ${sid}.`);
  return { kind: 'none' };
}
