import { confirmDestructive } from '../../lib/confirm.js';
import { deleteTranscriptionConfiguration, fetchTranscriptionConfiguration } from '../../lib/transcriptions.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import type { configurationsDelete } from './specs.js';

export const run: Run<typeof configurationsDelete> = async (ctx, { yes }, ref) => {
  onlyV3(ctx, 'transcription configurations');
  const client = await ctx.client();
  const configuration = await fetchTranscriptionConfiguration(client, ref);
  const id = String(configuration.id);
  await confirmDestructive(ctx, `delete transcription configuration ${id}`, yes);
  await deleteTranscriptionConfiguration(client, id);
  ctx.log.hint(`Deleted transcription configuration ${id}.`);
  return { kind: 'none' };
};
