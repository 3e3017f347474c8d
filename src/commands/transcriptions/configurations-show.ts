import { fetchTranscriptionConfiguration } from '../../lib/transcriptions.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { CONFIGURATION_COLUMNS } from './columns.js';
import type { configurationsShow } from './specs.js';

export const run: Run<typeof configurationsShow> = async (ctx, _flags, ref) => {
  onlyV3(ctx, 'transcription configurations');
  return { kind: 'item', data: await fetchTranscriptionConfiguration(await ctx.client(), ref), columns: CONFIGURATION_COLUMNS };
};
