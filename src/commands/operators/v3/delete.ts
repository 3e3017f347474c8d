import { confirmDestructive } from '../../../lib/confirm.js';
import { UsageError } from '../../../lib/errors.js';
import { deleteOperator, resolveOperator } from '../../../lib/v3/operators.js';
import type { Run } from '../../spec.js';
import type { remove } from '../specs.js';

export const run: Run<typeof remove> = async (ctx, { yes }, ref) => {
  const client = await ctx.client();
  const operator = await resolveOperator(client, ref);
  const id = String(operator.id);
  if (operator.author === 'TWILIO')
    throw new UsageError(`"${String(operator.displayName)}" is a Twilio-authored operator: it cannot be deleted`);
  await confirmDestructive(ctx, `delete v3 operator "${String(operator.displayName)}" (${id}) and all its versions`, yes);
  await deleteOperator(client, id);
  ctx.log.hint(`Deleted v3 operator ${id}.`);
  return { kind: 'none' };
};
