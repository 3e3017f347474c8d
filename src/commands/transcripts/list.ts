import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import type { CommandResult } from '../../lib/output/types.js';
import { resolveServiceSid } from '../../lib/services.js';
import { parseSid } from '../../lib/sid.js';
import { parseIsoDateTime } from '../../lib/time.js';
import { listTranscripts, type TranscriptFilters } from '../../lib/transcripts.js';
import { TRANSCRIPT_LIST_COLUMNS } from './fields.js';

interface ListFlags extends Omit<TranscriptFilters, 'serviceSid'> {
  service?: string;
  customerKey?: string;
  limit?: number;
  all?: boolean;
}

const DEFAULT_LIMIT = 50;

/** Date filters are checked here so a typo is exit 2, not an API error. */
const DATE_FLAGS = {
  '--before-start-time': 'beforeStartTime',
  '--after-start-time': 'afterStartTime',
  '--before-date-created': 'beforeDateCreated',
  '--after-date-created': 'afterDateCreated',
} as const;

export async function run(ctx: Context, flags: ListFlags): Promise<CommandResult> {
  if (flags.all && flags.limit !== undefined) throw new UsageError('give --limit or --all, not both');
  if (flags.sourceSid) parseSid(flags.sourceSid, 'RE', '--source-sid');
  for (const [flag, value] of Object.entries(DATE_FLAGS)) {
    const given = flags[value];
    if (given !== undefined) parseIsoDateTime(given, flag);
  }
  const client = await ctx.client();
  const { service, customerKey, limit, all, ...filters } = flags;
  const serviceSid = service === undefined ? undefined : await resolveServiceSid(client, service);
  const rows = listTranscripts(client, { ...filters, serviceSid }, { limit: all ? Infinity : (limit ?? DEFAULT_LIMIT), customerKey });
  return { kind: 'list', rows, columns: TRANSCRIPT_LIST_COLUMNS };
}
