// What a conversation is made of, stored in the shapes of Conversations v2 (configurations, conversations,
// participants, communications): its routes serve these records, Intelligence v3 reads them (v3/conversations/view.ts),
// and every way in (the API, the emulator's seed endpoint, Voice transcriptions) writes them through lifecycle.ts.
import type { Collection, Store } from '../store.js';

/** Conversations v2's channel list (Intelligence v3 has EMAIL, API and SYSTEM instead of VIDEO). */
export const CHANNELS = ['VOICE', 'SMS', 'RCS', 'WHATSAPP', 'CHAT', 'VIDEO'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONVERSATION_STATUSES = ['ACTIVE', 'INACTIVE', 'CLOSED'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const PARTICIPANT_TYPES = ['HUMAN_AGENT', 'CUSTOMER', 'AI_AGENT', 'AGENT', 'UNKNOWN'] as const;
export type ParticipantType = (typeof PARTICIPANT_TYPES)[number];

export const GROUPING_TYPES = [
  'GROUP_BY_PROFILE',
  'GROUP_BY_PARTICIPANT_ADDRESSES',
  'GROUP_BY_PARTICIPANT_ADDRESSES_AND_CHANNEL_TYPE',
] as const;
export type GroupingType = (typeof GROUPING_TYPES)[number];

export interface StatusCallback {
  url: string;
  method: 'POST' | 'GET';
}

/**
 * Conversations v2 Configuration (`/v2/ControlPlane/Configurations`): names the Intelligence Configurations to
 * run and the memory store. The API requires `memoryStoreId`; the seed endpoint can make one without, to reach a
 * rule execution's 422.
 */
export interface ConversationConfigurationRecord {
  sid: string;
  displayName: string;
  description: string;
  conversationGroupingType: GroupingType;
  memoryStoreId?: string;
  channelSettings?: Record<string, unknown>;
  statusCallbacks?: StatusCallback[];
  intelligenceConfigurationIds: string[];
  memoryExtractionEnabled: boolean;
  conversationsV1Bridge?: { serviceId: string };
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Conversations v2 Conversation; `channelIds` are the channel resources behind it (a call's CA…, a message's SM…). */
export interface ConversationRecord {
  sid: string;
  accountSid: string;
  configurationId: string;
  status: ConversationStatus;
  name: string | null;
  channelIds: string[];
  /** The create body's `configuration.intelligenceConfigurationIds`: replaces the configuration's for this conversation. */
  intelligenceConfigurationIds?: string[];
  statusCallbacks?: StatusCallback[];
  createdAt: string;
  updatedAt: string;
}

export interface Address {
  channel: Channel;
  address: string;
  channelId?: string;
}

export interface ParticipantRecord {
  sid: string;
  conversationId: string;
  accountSid: string;
  name: string | null;
  type: ParticipantType;
  /** Memory v1 profile of a customer, when the configuration has a memory store. */
  profileId?: string;
  addresses: Address[];
  createdAt: string;
  updatedAt: string;
}

export interface Endpoint {
  address: string;
  channel: Channel;
  participantId?: string;
}

export interface TranscriptionDetails {
  channel?: number;
  confidence?: number;
  engine?: string;
  words?: { text: string; startTime?: string; endTime?: string }[];
}

export type CommunicationContent =
  { type: 'TEXT'; text: string } | { type: 'TRANSCRIPTION'; text: string; transcription?: TranscriptionDetails };

export interface CommunicationRecord {
  sid: string;
  conversationId: string;
  accountSid: string;
  author: Endpoint;
  content: CommunicationContent;
  channelId?: string;
  /** The resource behind it, e.g. a message's SM… or a recording's RE…. */
  resourceId?: string;
  recipients: Endpoint[];
  createdAt: string;
  updatedAt: string;
  occurredAt: string;
}

export interface ConversationCollections {
  configurations: Collection<ConversationConfigurationRecord>;
  conversations: Collection<ConversationRecord>;
  participants: Collection<ParticipantRecord>;
  communications: Collection<CommunicationRecord>;
}

export function conversationCollections(store: Store): ConversationCollections {
  return {
    configurations: store.collection<ConversationConfigurationRecord>('conversations-v2.configurations'),
    conversations: store.collection<ConversationRecord>('conversations-v2.conversations'),
    participants: store.collection<ParticipantRecord>('conversations-v2.participants'),
    communications: store.collection<CommunicationRecord>('conversations-v2.communications'),
  };
}

/** A conversation with its participants and communications (in the order they happened). */
export interface ConversationBundle {
  conversation: ConversationRecord;
  configuration: ConversationConfigurationRecord | undefined;
  participants: ParticipantRecord[];
  communications: CommunicationRecord[];
}

export function participantsOf(collections: ConversationCollections, conversationId: string): ParticipantRecord[] {
  return collections.participants
    .index('byConversation', (participant) => participant.conversationId)
    .lookup(conversationId)
    .map((entry) => entry.value);
}

export function communicationsOf(collections: ConversationCollections, conversationId: string): CommunicationRecord[] {
  return collections.communications
    .index('byConversation', (communication) => communication.conversationId)
    .lookup(conversationId)
    .map((entry) => entry.value);
}

export function conversationBundle(collections: ConversationCollections, conversation: ConversationRecord): ConversationBundle {
  return {
    conversation,
    configuration: collections.configurations.get(conversation.configurationId),
    participants: participantsOf(collections, conversation.sid),
    communications: communicationsOf(collections, conversation.sid),
  };
}

/** The Intelligence Configurations whose rules run on this conversation: its own, else its configuration's. */
export function intelligenceConfigurationIdsOf(bundle: Pick<ConversationBundle, 'conversation' | 'configuration'>): string[] {
  return bundle.conversation.intelligenceConfigurationIds ?? bundle.configuration?.intelligenceConfigurationIds ?? [];
}
