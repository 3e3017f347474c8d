import { assertNameFree } from '../../../lib/operator-names.js';
import { readOperatorDefinition } from '../../../lib/v3/operator-input.js';
import { createOperator, listOperators } from '../../../lib/v3/operators.js';
import type { Run } from '../../spec.js';
import type { create } from '../specs.js';
import { V3_OPERATOR_DETAIL_COLUMNS } from './fields.js';

export const run: Run<typeof create> = async (ctx, options) => {
  const definition = await readOperatorDefinition(options, ctx.files);
  const client = await ctx.client();
  // Twilio's operators count too: `ci` resolves v3 names over every operator of the account.
  const existing = (await listOperators(client)).map((operator) => ({ id: String(operator.id), name: String(operator.displayName) }));
  assertNameFree(existing, definition.displayName, { exact: true, allowDuplicate: options.allowDuplicateName });
  return { kind: 'item', data: await createOperator(client, definition), columns: V3_OPERATOR_DETAIL_COLUMNS };
};
