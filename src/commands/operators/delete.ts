import { confirmDestructive } from '../../lib/confirm.js';
import { deleteCustomOperator, resolveCustomOperator } from '../../lib/operators.js';
import type { Run } from '../spec.js';
import type { remove } from './specs.js';

export const run: Run<typeof remove> = async (ctx, { yes }, ref) => {
  const client = await ctx.client();
  const operator = await resolveCustomOperator(client, ref, 'delete');
  const sid = operator.sid as string;
  await confirmDestructive(ctx, `delete operator "${operator.friendlyName as string}" (${sid})`, yes);
  await deleteCustomOperator(client, sid);
  ctx.log.hint(`Deleted operator ${sid}.`);
  return { kind: 'none' };
};
