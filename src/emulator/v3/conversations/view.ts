// The Intelligence v3 view of a conversation: what GET /v3/Conversations[/{id}] shows of the stored records.
import type { JsonObject } from '../body.js';
import type { OperatorResultRecord } from '../results/records.js';
import type { Channel, ConversationBundle } from './records.js';

/** Channels in first-use order: those the communications went over, then any other participant address's. */
export function channelsOf(bundle: ConversationBundle): Channel[] {
  const channels = [
    ...bundle.communications.map((communication) => communication.author.channel),
    ...bundle.participants.flatMap((participant) => participant.addresses.map((address) => address.channel)),
  ];
  return [...new Set(channels)];
}

export function renderConversationItem(bundle: ConversationBundle, results: readonly OperatorResultRecord[]): JsonObject {
  const { conversation, configuration, participants } = bundle;
  return {
    id: conversation.sid,
    accountId: conversation.accountSid,
    name: conversation.name,
    status: conversation.status,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    intelligenceConfigurationIds: configuration?.intelligenceConfigurationIds ?? [],
    conversationConfigurationId: conversation.configurationId,
    channels: channelsOf(bundle),
    channelIds: conversation.channelIds,
    participants: participants.map((participant) => ({
      id: participant.sid,
      name: participant.name,
      type: participant.type,
      addressValues: participant.addresses.map((address) => address.address),
    })),
    operatorResultIds: results.filter((result) => result.conversationId === conversation.sid).map((result) => result.sid),
  };
}

export function renderConversation(bundle: ConversationBundle, results: readonly OperatorResultRecord[]): JsonObject {
  return {
    ...renderConversationItem(bundle, results),
    communications: bundle.communications.map((communication) => ({
      id: communication.sid,
      participantId: communication.author.participantId,
      content: { text: communication.content.text },
      createdAt: communication.createdAt,
    })),
  };
}
