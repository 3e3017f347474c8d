import { resolveConversationConfiguration, updateConversationConfiguration } from '../../../lib/conversations-v2.js';
import { UsageError } from '../../../lib/errors.js';
import { onlyV3 } from '../../shared/generation.js';
import { waitOptions } from '../../shared/operation-flags.js';
import type { Run } from '../../spec.js';
import { CONVERSATION_CONFIGURATION_COLUMNS } from './columns.js';
import { settingsOf } from './settings.js';
import type { update } from './specs.js';

export const run: Run<typeof update> = async (ctx, options, ref) => {
  onlyV3(ctx, 'conversations configurations');
  const clearIntelligence = !options.intelligenceConfigurations;
  if (clearIntelligence && options.intelligenceConfiguration) {
    throw new UsageError('give --intelligence-configuration or --no-intelligence-configurations, not both');
  }
  const client = await ctx.client();
  const configuration = await resolveConversationConfiguration(client, ref);
  const settings = await settingsOf(client, options);
  if (clearIntelligence) settings.intelligenceConfigurationIds = [];
  const accepted = await updateConversationConfiguration(client, configuration.id, settings, waitOptions(ctx, options));
  if (!accepted.result) return { kind: 'item', data: { statusUrl: accepted.statusUrl, ...accepted.related } };
  return { kind: 'item', data: accepted.result, columns: CONVERSATION_CONFIGURATION_COLUMNS };
};
