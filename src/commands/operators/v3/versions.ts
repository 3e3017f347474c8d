import { listOperatorVersions, operatorId } from '../../../lib/v3/operators.js';
import { onlyV3 } from '../../shared/generation.js';
import type { Run } from '../../spec.js';
import type { versions } from '../specs.js';
import { V3_VERSION_COLUMNS } from './fields.js';

export const run: Run<typeof versions> = async (ctx, options, ref) => {
  onlyV3(ctx, 'operator versions');
  const client = await ctx.client();
  const rows = (await listOperatorVersions(client, await operatorId(client, ref))).slice(0, options.limit);
  return { kind: 'list', rows, columns: V3_VERSION_COLUMNS };
};
