import { UsageError } from '../../../lib/errors.js';
import { readOperatorDefinition } from '../../../lib/v3/operator-input.js';
import { definitionOf, resolveOperator, updateOperator } from '../../../lib/v3/operators.js';
import type { Run } from '../../spec.js';
import type { update } from '../specs.js';
import { V3_OPERATOR_DETAIL_COLUMNS } from './fields.js';

export const run: Run<typeof update> = async (ctx, options, ref) => {
  const client = await ctx.client();
  const current = await resolveOperator(client, ref);
  if (current.author === 'TWILIO')
    throw new UsageError(`"${String(current.displayName)}" is a Twilio-authored operator: it cannot be changed`);
  const definition = await readOperatorDefinition(options, ctx.files, definitionOf(current));
  const ifMatch = options.ifMatch ?? Number(current.version);
  const data = await updateOperator(client, String(current.id), definition, ifMatch);
  return { kind: 'item', data, columns: V3_OPERATOR_DETAIL_COLUMNS };
};
