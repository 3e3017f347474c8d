// Where a completed transcription's conversation goes: the one thing Voice needs from Conversations v2, through
// its lifecycle module (so the communications count towards COMMUNICATION rules like any other).
import { addCommunications, createConversation } from '../conversations/lifecycle.js';
import { conversationCollections, participantsOf, type TranscriptionDetails } from '../conversations/records.js';
import type { Store } from '../store.js';
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
  transcription: TranscriptionDetails;
}

export interface ConversationSink {
  /** A new ACTIVE conversation with its participants; returns its ID. Runs inside a store commit. */
  create(conversation: NewConversation): string;
  /** TRANSCRIPTION communications, each from its speaker to the other participants. Runs inside a store commit. */
  addCommunications(accountSid: string, conversationId: string, utterances: readonly TranscribedUtterance[]): void;
}

export function lifecycleSink(store: Store): ConversationSink {
  return {
    create: ({ accountSid, configurationId, channelIds, participants }) =>
      createConversation(store, accountSid, {
        configurationId,
        channelIds,
        participants: participants.map(({ type, name, address }) => ({ type, name, addresses: [{ channel: 'VOICE', address }] })),
      }).sid,
    addCommunications(accountSid, conversationId, utterances) {
      const speakers = participantsOf(conversationCollections(store), conversationId);
      addCommunications(
        store,
        accountSid,
        conversationId,
        utterances.map((utterance) => {
          const speaker = speakers[utterance.speaker];
          if (!speaker) throw new Error(`conversation ${conversationId} has no participant #${utterance.speaker}`);
          const { text, occurredAt, transcription } = utterance;
          return { author: { participantId: speaker.sid }, text, occurredAt, transcription, backdate: true };
        }),
      );
    },
  };
}
