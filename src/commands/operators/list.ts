import type { Context } from '../../lib/context.js';
import { attachedOperatorRows, listOperators, type Availability, type OperatorFilters } from '../../lib/operators.js';
import type { CommandResult } from '../../lib/output/types.js';
import { resolveServiceSid } from '../../lib/services.js';
import { OPERATOR_LIST_COLUMNS } from './fields.js';

interface ListFlags {
  prebuilt?: boolean;
  custom?: boolean;
  availability?: Availability;
  language?: string;
  attachedTo?: string;
  limit?: number;
}

export async function run(ctx: Context, flags: ListFlags): Promise<CommandResult> {
  const client = await ctx.client();
  const filters: OperatorFilters = {
    source: flags.prebuilt ? 'prebuilt' : flags.custom ? 'custom' : 'all',
    availability: flags.availability,
    languageCode: flags.language,
  };
  const rows = flags.attachedTo
    ? (await attachedOperatorRows(client, await resolveServiceSid(client, flags.attachedTo), filters)).slice(0, flags.limit)
    : listOperators(client, filters, flags.limit);
  return { kind: 'list', rows, columns: OPERATOR_LIST_COLUMNS };
}
