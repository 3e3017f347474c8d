import { UsageError } from '../../../lib/errors.js';
import { fetchOperatorVersion, resolveOperator, splitVersionRef } from '../../../lib/v3/operators.js';
import type { Run } from '../../spec.js';
import type { show } from '../specs.js';
import { V3_OPERATOR_DETAIL_COLUMNS } from './fields.js';

export const run: Run<typeof show> = async (ctx, options, given) => {
  const { ref, version: fromRef } = splitVersionRef(given);
  if (fromRef !== undefined && options.operatorVersion !== undefined && fromRef !== options.operatorVersion) {
    throw new UsageError(`"${given}" names version ${fromRef}, but --operator-version ${options.operatorVersion} was given`);
  }
  const client = await ctx.client();
  const operator = await resolveOperator(client, ref);
  const version = fromRef ?? options.operatorVersion;
  const data = version === undefined ? operator : await fetchOperatorVersion(client, String(operator.id), version);
  return { kind: 'item', data, columns: V3_OPERATOR_DETAIL_COLUMNS };
};
