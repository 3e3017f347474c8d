import type { Context } from '../../lib/context.js';
import { readDefinitionParts, type DefinitionSources } from '../../lib/operator-input.js';
import { updateGenerativeOperator } from '../../lib/operators.js';
import type { CommandResult } from '../../lib/output/types.js';
import { OPERATOR_DETAIL_COLUMNS } from './fields.js';

export async function run(
  ctx: Context,
  flags: DefinitionSources & { name?: string; ifMatch?: number },
  ref: string,
): Promise<CommandResult> {
  const parts = await readDefinitionParts(flags, ctx.files);
  const operator = await updateGenerativeOperator(await ctx.client(), ref, { friendlyName: flags.name, parts, ifMatch: flags.ifMatch });
  return { kind: 'object', data: operator, columns: OPERATOR_DETAIL_COLUMNS };
}
