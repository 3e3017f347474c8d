import { parseSid } from '../../lib/sid.js';
import { fetchTranscript } from '../../lib/transcripts.js';
import { TRANSCRIPT_COLUMNS } from '../shared/transcript-columns.js';
import type { Run } from '../spec.js';
import type { show } from './specs.js';

export const run: Run<typeof show> = async (ctx, _options, sid) => {
  const transcript = await fetchTranscript(await ctx.client(), parseSid(sid, 'GT'));
  return { kind: 'item', data: transcript, columns: TRANSCRIPT_COLUMNS };
};
