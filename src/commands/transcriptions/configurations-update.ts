import { updateTranscriptionConfiguration } from '../../lib/transcriptions.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { CONFIGURATION_COLUMNS } from './columns.js';
import { settingsFrom } from './settings.js';
import type { configurationsUpdate } from './specs.js';

export const run: Run<typeof configurationsUpdate> = async (ctx, flags, ref) => {
  onlyV3(ctx, 'transcription configurations');
  const settings = await settingsFrom(ctx, flags);
  const updated = await updateTranscriptionConfiguration(await ctx.client(), ref, {
    uniqueName: flags.name,
    description: flags.description,
    settings,
  });
  ctx.log.hint(`Updated transcription configuration ${String(updated.id)}.`);
  return { kind: 'item', data: updated, columns: CONFIGURATION_COLUMNS };
};
