import { resolveServiceSid } from '../../lib/services.js';
import { parseSid } from '../../lib/sid.js';
import { parseIsoDateTime } from '../../lib/time.js';
import { listTranscripts, type TranscriptFilters } from '../../lib/transcripts.js';
import type { Run } from '../spec.js';
import { TRANSCRIPT_LIST_COLUMNS } from './fields.js';
import type { list } from './specs.js';

/** Date filters are checked here so a typo is exit 2, not an API error. */
const DATE_FLAGS = {
  '--before-start-time': 'beforeStartTime',
  '--after-start-time': 'afterStartTime',
  '--before-date-created': 'beforeDateCreated',
  '--after-date-created': 'afterDateCreated',
} as const;

export const run: Run<typeof list> = async (ctx, options) => {
  if (options.sourceSid) parseSid(options.sourceSid, 'RE', '--source-sid');
  for (const [flag, value] of Object.entries(DATE_FLAGS)) {
    const given = options[value];
    if (given !== undefined) parseIsoDateTime(given, flag);
  }
  const client = await ctx.client();
  const { service, status, languageCode, sourceSid, beforeStartTime, afterStartTime, beforeDateCreated, afterDateCreated } = options;
  const filters: TranscriptFilters = {
    status,
    languageCode,
    sourceSid,
    beforeStartTime,
    afterStartTime,
    beforeDateCreated,
    afterDateCreated,
  };
  if (service !== undefined) filters.serviceSid = await resolveServiceSid(client, service);
  const rows = listTranscripts(client, filters, { limit: options.limit, customerKey: options.customerKey });
  return { kind: 'list', rows, columns: TRANSCRIPT_LIST_COLUMNS };
};
