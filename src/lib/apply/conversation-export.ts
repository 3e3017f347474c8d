// The account's conversation configurations in the file format, so the export plans no changes: Intelligence
// Configurations by display name (by ID where a name is not unique), and no memoryStoreId where the store is the one
// a new configuration would get anyway (ci-conversations), so the file applies to another account as it is.
import type { ConversationConfiguration } from '../conversations-v2.js';
import { reusableDefaultStore } from '../memory.js';
import type { Configuration } from '../v3/configurations.js';
import { intelligenceNames } from './conversation-plan.js';
import type { CurrentConversations } from './state.js';

function exported(
  configuration: ConversationConfiguration,
  all: readonly ConversationConfiguration[],
  intelligence: readonly Configuration[],
  defaultStoreId: string | undefined,
): Record<string, unknown> {
  const { id, displayName, description, memoryStoreId, conversationGroupingType, statusCallbacks, channelSettings } = configuration;
  const shared = all.filter((other) => other.displayName === displayName).length > 1;
  return {
    displayName,
    ...(shared ? { id } : {}),
    ...(description ? { description } : {}),
    intelligenceConfigurations: intelligenceNames(configuration.intelligenceConfigurationIds ?? [], intelligence),
    ...(memoryStoreId === defaultStoreId ? {} : { memoryStoreId }),
    conversationGroupingType,
    ...(statusCallbacks?.length ? { statusCallbacks: statusCallbacks.map(({ url, method }) => ({ url, method: method ?? 'POST' })) } : {}),
    ...(channelSettings && Object.keys(channelSettings).length ? { channelSettings } : {}),
    ...(configuration.memoryExtractionEnabled ? { memoryExtractionEnabled: true } : {}),
    ...(configuration.conversationsV1Bridge ? { conversationsV1Bridge: configuration.conversationsV1Bridge } : {}),
  };
}

export function exportConversationConfigurations(
  conversations: CurrentConversations,
  intelligence: readonly Configuration[],
): Record<string, unknown>[] {
  const defaultStoreId = reusableDefaultStore(conversations.memoryStores)?.id;
  return conversations.configurations.map((configuration) =>
    exported(configuration, conversations.configurations, intelligence, defaultStoreId),
  );
}
