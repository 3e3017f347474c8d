// What a conversation needs, stored in the shapes of the APIs that own it — Conversations v2 (configurations,
// conversations, participants, communications) and Memory v1 (stores) — so the ingestion APIs can serve these
// records as they are. Intelligence v3 only reads them (see view.ts).
import type { Collection, Store } from '../../store.js';

/** Intelligence v3's channel list (Conversations v2 has VIDEO instead of EMAIL, API and SYSTEM). */
export const CHANNELS = ['VOICE', 'SMS', 'RCS', 'EMAIL', 'WHATSAPP', 'CHAT', 'API', 'SYSTEM'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONVERSATION_STATUSES = ['ACTIVE', 'INACTIVE', 'CLOSED'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const PARTICIPANT_TYPES = ['HUMAN_AGENT', 'CUSTOMER', 'AI_AGENT', 'AGENT', 'UNKNOWN'] as const;
export type ParticipantType = (typeof PARTICIPANT_TYPES)[number];

/** Memory v1 Store (`/v1/ControlPlane/Stores`); `sid` is its `id`. */
export interface MemoryStoreRecord {
  sid: string;
  displayName: string;
  status: 'ACTIVE';
  intelligenceServiceId: null;
  version: number;
}

/**
 * Conversations v2 Configuration (`/v2/ControlPlane/Configurations`): names the Intelligence Configurations to
 * run and the memory store. Conversations v2 requires `memoryStoreId`; the emulator can seed one without, to
 * reach a rule execution's 422.
 */
export interface ConversationConfigurationRecord {
  sid: string;
  displayName: string;
  description: string;
  conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES';
  memoryStoreId?: string;
  intelligenceConfigurationIds: string[];
  memoryExtractionEnabled: boolean;
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
  createdAt: string;
  updatedAt: string;
}

export interface ParticipantRecord {
  sid: string;
  conversationId: string;
  accountSid: string;
  name: string | null;
  type: ParticipantType;
  /** Memory v1 profile of a customer, when the configuration has a memory store. */
  profileId?: string;
  addresses: { channel: Channel; address: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface CommunicationRecord {
  sid: string;
  conversationId: string;
  accountSid: string;
  author: { address: string; channel: Channel; participantId: string };
  /** TEXT, or TRANSCRIPTION for an utterance of a Voice v3 transcription (src/emulator/voice/). */
  content: { type: 'TEXT'; text: string } | { type: 'TRANSCRIPTION'; text: string; transcription: TranscriptionMetadata };
  recipients: { address: string; channel: Channel; participantId: string }[];
  createdAt: string;
  updatedAt: string;
  occurredAt: string;
}

/** Conversations v2's `content_transcription.transcription`: which audio channel, by which engine. */
export interface TranscriptionMetadata {
  channel: number;
  confidence: number;
  engine: string;
}

export interface ConversationCollections {
  memoryStores: Collection<MemoryStoreRecord>;
  configurations: Collection<ConversationConfigurationRecord>;
  conversations: Collection<ConversationRecord>;
  participants: Collection<ParticipantRecord>;
  communications: Collection<CommunicationRecord>;
}

export function conversationCollections(store: Store): ConversationCollections {
  return {
    memoryStores: store.collection<MemoryStoreRecord>('memory-v1.stores'),
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

export function conversationBundle(collections: ConversationCollections, conversation: ConversationRecord): ConversationBundle {
  const mine = <T extends { conversationId: string }>(collection: Collection<T & { sid: string }>) =>
    collection
      .entries()
      .map((entry) => entry.value)
      .filter((value) => value.conversationId === conversation.sid);
  return {
    conversation,
    configuration: collections.configurations.get(conversation.configurationId),
    participants: mine(collections.participants),
    communications: mine(collections.communications),
  };
}
