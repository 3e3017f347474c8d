import type { Context } from '../../lib/context.js';
import type { CommandResult } from '../../lib/output/types.js';
import { parseSid } from '../../lib/sid.js';
import { fetchTranscript } from '../../lib/transcripts.js';
import { TRANSCRIPT_COLUMNS } from './fields.js';

export async function run(ctx: Context, _flags: object, sid: string): Promise<CommandResult> {
  const transcript = await fetchTranscript(await ctx.client(), parseSid(sid, 'GT'));
  return { kind: 'item', data: transcript, columns: TRANSCRIPT_COLUMNS };
}
