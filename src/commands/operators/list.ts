import { attachedOperatorRows, listOperators, type OperatorFilters } from '../../lib/operators.js';
import { resolveServiceSid } from '../../lib/services.js';
import type { Run } from '../spec.js';
import { OPERATOR_LIST_COLUMNS } from './fields.js';
import type { list } from './specs.js';

export const run: Run<typeof list> = async (ctx, options) => {
  const client = await ctx.client();
  const filters: OperatorFilters = {
    source: options.prebuilt ? 'prebuilt' : options.custom ? 'custom' : 'all',
    availability: options.availability,
    languageCode: options.language,
  };
  const rows = options.attachedTo
    ? (await attachedOperatorRows(client, await resolveServiceSid(client, options.attachedTo), filters)).slice(0, options.limit)
    : listOperators(client, filters, options.limit);
  return { kind: 'list', rows, columns: OPERATOR_LIST_COLUMNS };
};
