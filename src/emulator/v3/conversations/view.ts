// The Intelligence v3 view of a conversation: what GET /v3/Conversations[/{id}] shows of the stored records.
import type { JsonObject } from '../body.js';
import type { OperatorResultRecord } from '../results/records.js';
import { intelligenceConfigurationIdsOf, type ConversationBundle } from '../../conversations/records.js';

/** Intelligence v3's channel list (Conversations v2 has VIDEO instead of EMAIL, API and SYSTEM). */
export const V3_CHANNELS = ['VOICE', 'SMS', 'RCS', 'EMAIL', 'WHATSAPP', 'CHAT', 'API', 'SYSTEM'] as const;
export type V3Channel = (typeof V3_CHANNELS)[number];

/**
 * Channels in first-use order: those the communications went over, then any other participant address's.
 * A Conversations v2 channel v3 does not list (VIDEO) is left out.
 */
export function channelsOf(bundle: ConversationBundle): V3Channel[] {
  const channels = [
    ...bundle.communications.map((communication) => communication.author.channel),
    ...bundle.participants.flatMap((participant) => participant.addresses.map((address) => address.channel)),
  ];
  return [...new Set(channels)].flatMap((channel) => V3_CHANNELS.find((known) => known === channel) ?? []);
}

export function renderConversationItem(bundle: ConversationBundle, results: readonly OperatorResultRecord[]): JsonObject {
  const { conversation, participants } = bundle;
  return {
    id: conversation.sid,
    accountId: conversation.accountSid,
    name: conversation.name,
    status: conversation.status,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    intelligenceConfigurationIds: intelligenceConfigurationIdsOf(bundle),
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
