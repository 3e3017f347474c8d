// The one way conversations change, whatever brings them in (the Conversations v2 API, the emulator's seed
// endpoint, Voice v3 transcriptions): every function runs inside a `store.commit()` and fires the rules whose
// trigger the change is (see triggers.ts), unless told `{ fireTriggers: false }`.
//
//   createConversation(store, accountSid, input: NewConversation): ConversationRecord
//       a conversation (ACTIVE) in configuration `input.configurationId`, with its participants (no trigger fires)
//   addParticipant(store, accountSid, conversationId, input: ParticipantInput): ParticipantRecord
//   addCommunications(store, accountSid, conversationId, inputs: CommunicationInput[], options?): CommunicationRecord[]
//       each communication in turn; COMMUNICATION rules fire every N; an INACTIVE conversation becomes ACTIVE
//   setStatus(store, accountSid, conversationId, status, options?): ConversationRecord
//       ACTIVE ⇄ INACTIVE (CONVERSATION_INACTIVE fires), ACTIVE|INACTIVE → CLOSED (CONVERSATION_END fires);
//       a CLOSED conversation stays closed
//   close(store, accountSid, conversationId, options?): ConversationRecord     = setStatus(…, 'CLOSED')
//   deleteConversation(store, conversationId): void
//       with its participants, communications and Intelligence OperatorResults
//
// Errors are HttpErrors (404 for an unknown conversation or configuration, 400 for bad input), so a route can let
// them through; a caller outside a request (a completed transcription) should not get any for well-formed input.
import type { Store } from '../store.js';
import { invalidField, notFound } from '../v3/errors.js';
import { newId } from '../v3/ids.js';
import { resultCollection } from '../v3/results/records.js';
import {
  conversationCollections,
  participantsOf,
  type Address,
  type Channel,
  type CommunicationRecord,
  type ConversationCollections,
  type ConversationRecord,
  type ConversationStatus,
  type Endpoint,
  type ParticipantRecord,
  type ParticipantType,
  type TranscriptionDetails,
} from './records.js';
import { fireTrigger } from './triggers.js';

export interface LifecycleOptions {
  /** Default true. The seed endpoint turns it off: a seeded conversation is history, not an event. */
  fireTriggers?: boolean;
}

export interface ParticipantInput {
  name?: string | null;
  /** Default UNKNOWN. A CUSTOMER gets a Memory profile when the configuration has a memory store. */
  type?: ParticipantType;
  profileId?: string;
  addresses: Address[];
}

export interface NewConversation {
  configurationId: string;
  name?: string | null;
  /** The channel resources behind it (a call's CA…, a recording's RE…). */
  channelIds?: string[];
  /** Replaces the configuration's Intelligence Configurations for this conversation. */
  intelligenceConfigurationIds?: string[];
  participants?: ParticipantInput[];
  /** Default now; the seed endpoint back-dates. */
  createdAt?: string;
}

export interface CommunicationInput {
  /** A participant of the conversation, by ID or by one of its addresses (`{address, channel}`). */
  author: { participantId: string } | { address: string; channel: Channel };
  text: string;
  /** Given: a TRANSCRIPTION communication (an utterance of a call), else TEXT. */
  transcription?: TranscriptionDetails;
  /** Default: every other participant, at its first address. */
  recipients?: Endpoint[];
  /** When it was said or sent; default now. It is also the communication's createdAt when `backdate` is set. */
  occurredAt?: string;
  channelId?: string;
  /** The resource behind it, e.g. a recording's RE…. */
  resourceId?: string;
  /** createdAt = occurredAt (the seed endpoint's history); default createdAt is now. */
  backdate?: boolean;
}

export function createConversation(store: Store, accountSid: string, input: NewConversation): ConversationRecord {
  const collections = conversationCollections(store);
  if (!collections.configurations.get(input.configurationId)) throw notFound('Configuration', input.configurationId);
  const createdAt = input.createdAt ?? new Date().toISOString();
  const conversation = collections.conversations.insert({
    sid: newId('conversation'),
    accountSid,
    configurationId: input.configurationId,
    status: 'ACTIVE',
    name: input.name ?? null,
    channelIds: input.channelIds ?? [],
    ...(input.intelligenceConfigurationIds === undefined ? {} : { intelligenceConfigurationIds: input.intelligenceConfigurationIds }),
    createdAt,
    updatedAt: createdAt,
  });
  for (const participant of input.participants ?? []) insertParticipant(collections, accountSid, conversation, participant, createdAt);
  return conversation;
}

export function addParticipant(store: Store, accountSid: string, conversationId: string, input: ParticipantInput): ParticipantRecord {
  const collections = conversationCollections(store);
  return insertParticipant(collections, accountSid, conversationOf(collections, conversationId), input, new Date().toISOString());
}

export function addCommunications(
  store: Store,
  accountSid: string,
  conversationId: string,
  inputs: readonly CommunicationInput[],
  options: LifecycleOptions = {},
): CommunicationRecord[] {
  const collections = conversationCollections(store);
  const records: CommunicationRecord[] = [];
  for (const input of inputs) {
    const conversation = conversationOf(collections, conversationId);
    if (conversation.status === 'CLOSED') throw invalidField('conversationId', `conversation ${conversationId} is CLOSED`);
    const record = collections.communications.insert(communicationRecord(collections, accountSid, conversation, input));
    records.push(record);
    // A new communication brings an INACTIVE conversation back (Twilio's lifecycle).
    collections.conversations.replace({ ...conversation, status: 'ACTIVE', updatedAt: laterOf(conversation.updatedAt, record.createdAt) });
    if (options.fireTriggers !== false) fireTrigger(store, accountSid, conversationId, 'COMMUNICATION');
  }
  return records;
}

export function setStatus(
  store: Store,
  accountSid: string,
  conversationId: string,
  status: ConversationStatus,
  options: LifecycleOptions = {},
): ConversationRecord {
  const collections = conversationCollections(store);
  const conversation = conversationOf(collections, conversationId);
  if (conversation.status === status) return conversation;
  if (conversation.status === 'CLOSED')
    throw invalidField('status', `conversation ${conversationId} is CLOSED and cannot become ${status}`);
  const updated = collections.conversations.replace({
    ...conversation,
    status,
    updatedAt: laterOf(conversation.updatedAt, new Date().toISOString()),
  });
  if (options.fireTriggers !== false && status !== 'ACTIVE') {
    fireTrigger(store, accountSid, conversationId, status === 'CLOSED' ? 'CONVERSATION_END' : 'CONVERSATION_INACTIVE');
  }
  return updated;
}

export function close(store: Store, accountSid: string, conversationId: string, options: LifecycleOptions = {}): ConversationRecord {
  return setStatus(store, accountSid, conversationId, 'CLOSED', options);
}

export function deleteConversation(store: Store, conversationId: string): void {
  const collections = conversationCollections(store);
  conversationOf(collections, conversationId);
  const mine = <T extends { sid: string; conversationId: string }>(values: { entries(): readonly { value: T }[] }) =>
    values.entries().flatMap((entry) => (entry.value.conversationId === conversationId ? [entry.value.sid] : []));
  mine(collections.participants).forEach((sid) => collections.participants.delete(sid));
  mine(collections.communications).forEach((sid) => collections.communications.delete(sid));
  const results = resultCollection(store);
  mine(results).forEach((sid) => results.delete(sid));
  collections.conversations.delete(conversationId);
}

function conversationOf(collections: ConversationCollections, conversationId: string): ConversationRecord {
  const conversation = collections.conversations.get(conversationId);
  if (!conversation) throw notFound('Conversation', conversationId);
  return conversation;
}

function insertParticipant(
  collections: ConversationCollections,
  accountSid: string,
  conversation: ConversationRecord,
  input: ParticipantInput,
  now: string,
): ParticipantRecord {
  const type = input.type ?? 'UNKNOWN';
  const withMemory = collections.configurations.get(conversation.configurationId)?.memoryStoreId !== undefined;
  // Memory resolves a customer to a profile; the emulator makes one for each customer it is not given one for.
  const profileId = input.profileId ?? (withMemory && type === 'CUSTOMER' ? newId('memoryProfile') : undefined);
  return collections.participants.insert({
    sid: newId('participant'),
    conversationId: conversation.sid,
    accountSid,
    name: input.name ?? null,
    type,
    ...(profileId === undefined ? {} : { profileId }),
    addresses: input.addresses,
    createdAt: now,
    updatedAt: now,
  });
}

function communicationRecord(
  collections: ConversationCollections,
  accountSid: string,
  conversation: ConversationRecord,
  input: CommunicationInput,
): CommunicationRecord {
  const participants = participantsOf(collections, conversation.sid);
  const author = authorOf(participants, input.author);
  const occurredAt = input.occurredAt ?? new Date().toISOString();
  const createdAt = input.backdate === true ? occurredAt : new Date().toISOString();
  const recipients =
    input.recipients ?? participants.flatMap((participant) => (participant.sid === author.participantId ? [] : endpointOf(participant)));
  return {
    sid: newId('communication'),
    conversationId: conversation.sid,
    accountSid,
    author,
    content:
      input.transcription === undefined
        ? { type: 'TEXT', text: input.text }
        : { type: 'TRANSCRIPTION', text: input.text, transcription: input.transcription },
    ...(input.channelId === undefined ? {} : { channelId: input.channelId }),
    ...(input.resourceId === undefined ? {} : { resourceId: input.resourceId }),
    recipients,
    createdAt,
    updatedAt: createdAt,
    occurredAt,
  };
}

/** The author as an endpoint: a participant's (first) address, or the address given, tied to its participant when one has it. */
function authorOf(participants: readonly ParticipantRecord[], author: CommunicationInput['author']): Endpoint {
  if ('participantId' in author) {
    const participant = participants.find((candidate) => candidate.sid === author.participantId);
    if (!participant) throw invalidField('author.participantId', `${author.participantId} is not a participant of this conversation`);
    return endpointOf(participant)[0] ?? { address: participant.name ?? participant.sid, channel: 'CHAT', participantId: participant.sid };
  }
  const owner = participants.find((participant) =>
    participant.addresses.some((address) => address.address === author.address && address.channel === author.channel),
  );
  return { address: author.address, channel: author.channel, ...(owner ? { participantId: owner.sid } : {}) };
}

function endpointOf(participant: ParticipantRecord): Endpoint[] {
  const first = participant.addresses[0];
  return first ? [{ address: first.address, channel: first.channel, participantId: participant.sid }] : [];
}

function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
