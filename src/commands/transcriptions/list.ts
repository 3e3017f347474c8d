import { parseSid } from '../../lib/sid.js';
import { listTranscriptions } from '../../lib/transcriptions.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { TRANSCRIPTION_COLUMNS } from './columns.js';
import type { list } from './specs.js';

export const run: Run<typeof list> = async (ctx, flags) => {
  onlyV3(ctx, 'transcriptions');
  const rows = await listTranscriptions(await ctx.client(), {
    ...(flags.status ? { status: flags.status } : {}),
    ...(flags.recording ? { sourceId: parseSid(flags.recording, 'RE') } : {}),
    ...(flags.language ? { languageCode: flags.language } : {}),
    ...(flags.limit ? { limit: flags.limit } : {}),
  });
  return { kind: 'list', rows, columns: TRANSCRIPTION_COLUMNS };
};
