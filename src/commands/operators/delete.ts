import { confirmDestructive } from '../../lib/confirm.js';
import { deleteCustomOperator, resolveCustomOperator, servicesAttachedTo } from '../../lib/operators.js';
import type { Row } from '../../lib/output/types.js';
import type { Run } from '../spec.js';
import type { remove } from './specs.js';
import { textOf } from '../../lib/rows.js';

export const run: Run<typeof remove> = async (ctx, { yes }, ref) => {
  const client = await ctx.client();
  const operator = await resolveCustomOperator(client, ref, 'delete');
  const sid = textOf(operator, 'sid');
  const services = yes ? [] : await servicesAttachedTo(client, sid);
  await confirmDestructive(ctx, `delete operator "${textOf(operator, 'friendlyName')}" (${sid})${attachedText(services)}`, yes);
  await deleteCustomOperator(client, sid);
  ctx.log.hint(`Deleted operator ${sid}.`);
  return { kind: 'none' };
};

/** What else the delete changes: the services that lose the operator. */
function attachedText(services: Row[]): string {
  if (!services.length) return '';
  const names = services.map((service) => `${String(service.uniqueName)} (${String(service.sid)})`);
  return `, attached to service${services.length > 1 ? 's' : ''} ${names.join(', ')}`;
}
