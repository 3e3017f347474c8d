import type { Context } from '../../lib/context.js';
import { readDefinitionParts, type DefinitionSources } from '../../lib/operator-input.js';
import { assertNoProblems, attachOperators, createGenerativeOperator, newDefinition } from '../../lib/operators.js';
import type { CommandResult } from '../../lib/output/types.js';
import { resolveServiceSid } from '../../lib/services.js';
import { OPERATOR_DETAIL_COLUMNS } from './fields.js';

export async function run(ctx: Context, flags: DefinitionSources & { name?: string; attach?: string }): Promise<CommandResult> {
  const { definition, problems } = newDefinition(flags.name, await readDefinitionParts(flags, ctx.files));
  assertNoProblems(problems, 'invalid operator');
  const client = await ctx.client();
  // The service is resolved first, so a wrong --attach leaves no orphan operator behind.
  const serviceSid = flags.attach === undefined ? undefined : await resolveServiceSid(client, flags.attach);
  const operator = await createGenerativeOperator(client, definition);
  if (serviceSid) {
    await attachOperators(client, serviceSid, [operator.sid as string]);
    ctx.log.progress(`Attached ${operator.sid as string} to service ${serviceSid}.`);
  }
  return { kind: 'object', data: operator, columns: OPERATOR_DETAIL_COLUMNS };
}
