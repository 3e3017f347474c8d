// The Conversations v2 shapes of the stored records, as the spec's responses have them.
import type { JsonObject } from '../v3/body.js';
import {
  intelligenceConfigurationIdsOf,
  type CommunicationRecord,
  type ConversationBundle,
  type ConversationConfigurationRecord,
  type ParticipantRecord,
} from './records.js';

export function renderConfiguration(record: ConversationConfigurationRecord): JsonObject {
  const { sid, ...rest } = record;
  return { id: sid, ...rest };
}

export function renderParticipant(record: ParticipantRecord): JsonObject {
  const { sid, accountSid, ...rest } = record;
  return { id: sid, accountId: accountSid, ...rest };
}

export function renderCommunication(record: CommunicationRecord): JsonObject {
  const { sid, accountSid, ...rest } = record;
  return { id: sid, accountId: accountSid, ...rest };
}

/** A conversation with the configuration it runs under (as the spec's `configuration` summary) and its participants. */
export function renderConversation(bundle: Pick<ConversationBundle, 'conversation' | 'configuration' | 'participants'>): JsonObject {
  const { conversation, configuration, participants } = bundle;
  return {
    id: conversation.sid,
    accountId: conversation.accountSid,
    configurationId: conversation.configurationId,
    status: conversation.status,
    name: conversation.name,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    ...(configuration ? { configuration: configurationSummary(configuration, bundle) } : {}),
    participants: participants.map(renderParticipant),
  };
}

function configurationSummary(
  configuration: ConversationConfigurationRecord,
  bundle: Pick<ConversationBundle, 'conversation' | 'configuration'>,
): JsonObject {
  const statusCallbacks = bundle.conversation.statusCallbacks ?? configuration.statusCallbacks;
  return {
    displayName: configuration.displayName,
    conversationGroupingType: configuration.conversationGroupingType,
    ...(configuration.memoryStoreId === undefined ? {} : { memoryStoreId: configuration.memoryStoreId }),
    ...(configuration.channelSettings === undefined ? {} : { channelSettings: configuration.channelSettings }),
    ...(statusCallbacks === undefined ? {} : { statusCallbacks }),
    intelligenceConfigurationIds: intelligenceConfigurationIdsOf(bundle),
    memoryExtractionEnabled: configuration.memoryExtractionEnabled,
    ...(configuration.conversationsV1Bridge === undefined ? {} : { conversationsV1Bridge: configuration.conversationsV1Bridge }),
  };
}
