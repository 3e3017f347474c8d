import { UsageError } from '../../lib/errors.js';
import { DEFAULT_SETTINGS, createTranscriptionConfiguration } from '../../lib/transcriptions.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { CONFIGURATION_COLUMNS } from './columns.js';
import { settingsFrom } from './settings.js';
import type { configurationsCreate } from './specs.js';

export const run: Run<typeof configurationsCreate> = async (ctx, flags) => {
  onlyV3(ctx, 'transcription configurations');
  if (flags.conversationConfiguration === undefined) {
    throw new UsageError('give --conversation-configuration: where the transcriptions go', {
      hint: 'see `ci conversations configurations list`',
    });
  }
  const { conversationConfigurationId = '', ...given } = await settingsFrom(ctx, flags);
  // A speech model belongs to its engine: another engine's default model is not carried over.
  const defaults =
    given.engine && given.engine !== DEFAULT_SETTINGS.engine ? { ...DEFAULT_SETTINGS, speechModel: undefined } : DEFAULT_SETTINGS;
  const created = await createTranscriptionConfiguration(await ctx.client(), {
    uniqueName: flags.name,
    description: flags.description,
    settings: { ...defaults, ...given, conversationConfigurationId },
  });
  ctx.log.hint(`Created transcription configuration ${String(created.id)}.`);
  return { kind: 'item', data: created, columns: CONFIGURATION_COLUMNS };
};
