// Where a completed transcription's conversation goes: the one thing Voice needs from Conversations v2.
// INTERIM: implemented directly over the stored Conversations v2 records; the lead wires this to the
// Conversations v2 lifecycle module (src/emulator/conversations/lifecycle.ts) once it lands, so that adding
// communications counts towards COMMUNICATION triggers like any other.
import type { Store } from '../store.js';
import { conversationCollections, type ParticipantRecord, type TranscriptionMetadata } from '../v3/conversations/records.js';
import { newId } from '../v3/ids.js';
import type { ParticipantRole } from './records.js';

export interface NewConversation {
  accountSid: string;
  configurationId: string;
  /** The call behind the recording (CA…), when known. */
  channelIds: string[];
  /** One per audio channel, in channel order. */
  participants: { type: ParticipantRole; name: string | null; address: string }[];
}

export interface TranscribedUtterance {
  /** Index into the conversation's participants (the speaker). */
  speaker: number;
  text: string;
  occurredAt: string;
  transcription: TranscriptionMetadata;
}

export interface ConversationSink {
  /** A new ACTIVE conversation with its participants; returns its ID. Runs inside a store commit. */
  create(conversation: NewConversation): string;
  /** TRANSCRIPTION communications, each from its speaker to the other participants. Runs inside a store commit. */
  addCommunications(conversationId: string, utterances: readonly TranscribedUtterance[]): void;
}

/** The interim sink over the records (see the note at the top). */
export function recordsSink(store: Store): ConversationSink {
  const collections = conversationCollections(store);
  const participantsOf = (conversationId: string) =>
    collections.participants.entries().flatMap(({ value }) => (value.conversationId === conversationId ? [value] : []));
  return {
    create({ accountSid, configurationId, channelIds, participants }) {
      const now = new Date().toISOString();
      const sid = newId('conversation');
      collections.conversations.insert({
        sid,
        accountSid,
        configurationId,
        status: 'ACTIVE',
        name: null,
        channelIds,
        createdAt: now,
        updatedAt: now,
      });
      for (const participant of participants) {
        collections.participants.insert({
          sid: newId('participant'),
          conversationId: sid,
          accountSid,
          name: participant.name,
          type: participant.type,
          addresses: [{ channel: 'VOICE', address: participant.address }],
          createdAt: now,
          updatedAt: now,
        });
      }
      return sid;
    },
    addCommunications(conversationId, utterances) {
      const participants = participantsOf(conversationId);
      const endpoint = (participant: ParticipantRecord) => ({
        address: participant.addresses[0]?.address ?? '',
        channel: 'VOICE' as const,
        participantId: participant.sid,
      });
      for (const utterance of utterances) {
        const author = participants[utterance.speaker];
        if (!author) throw new Error(`conversation ${conversationId} has no participant #${utterance.speaker}`);
        collections.communications.insert({
          sid: newId('communication'),
          conversationId,
          accountSid: author.accountSid,
          author: endpoint(author),
          content: { type: 'TRANSCRIPTION', text: utterance.text, transcription: utterance.transcription },
          recipients: participants.filter((participant) => participant !== author).map(endpoint),
          createdAt: utterance.occurredAt,
          updatedAt: utterance.occurredAt,
          occurredAt: utterance.occurredAt,
        });
      }
    },
  };
}
