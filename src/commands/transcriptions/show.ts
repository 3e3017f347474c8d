import { fetchTranscription } from '../../lib/transcriptions.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { TRANSCRIPTION_COLUMNS } from './columns.js';
import type { show } from './specs.js';

export const run: Run<typeof show> = async (ctx, _flags, id) => {
  onlyV3(ctx, 'transcriptions');
  return { kind: 'item', data: await fetchTranscription(await ctx.client(), id), columns: TRANSCRIPTION_COLUMNS };
};
