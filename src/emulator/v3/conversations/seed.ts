// POST /emulator/v3/Conversations (emulator-only): a conversation with its participants and communications, and
// what it needs to run rules — a conversation configuration naming Intelligence Configurations, a memory store.
// Stands in for the ingestion APIs (Conversations v2, Voice v3) until the emulator has them.
import type { Store } from '../../store.js';
import {
  allowOnly,
  fieldPath,
  optionalArray,
  optionalBoolean,
  optionalString,
  requireObject,
  requiredArray,
  requiredString,
  type JsonObject,
} from '../body.js';
import { configurationCollection } from '../configurations/records.js';
import { invalidField } from '../errors.js';
import { isId, newId } from '../ids.js';
import {
  CHANNELS,
  CONVERSATION_STATUSES,
  PARTICIPANT_TYPES,
  conversationCollections,
  type Channel,
  type ConversationCollections,
  type ConversationConfigurationRecord,
  type ParticipantRecord,
  type ParticipantType,
} from './records.js';

const DEFAULT_PARTICIPANTS = [
  { name: 'Agent', type: 'HUMAN_AGENT', address: 'agent@example.com' },
  { name: 'Customer', type: 'CUSTOMER', address: '+15555550100' },
];

export interface SeededConversation {
  conversationId: string;
  conversationConfigurationId: string;
  memoryStoreId: string | null;
}

export function seedConversation(store: Store, accountSid: string, body: unknown): SeededConversation {
  const request = requireObject(body, '');
  allowOnly(request, '', [
    'name',
    'status',
    'createdAt',
    'channelIds',
    'intelligenceConfigurationIds',
    'conversationConfigurationId',
    'memoryStore',
    'participants',
    'communications',
  ]);
  const collections = conversationCollections(store);
  const createdAt = dateField(request, 'createdAt') ?? new Date().toISOString();
  const configuration = conversationConfiguration(store, collections, request, createdAt);
  const conversationId = newId('conversation');
  const participants = (optionalArray(request, 'participants', '') ?? DEFAULT_PARTICIPANTS).map((raw, index) =>
    readParticipant(
      raw,
      fieldPath('participants', index),
      conversationId,
      accountSid,
      createdAt,
      configuration.memoryStoreId !== undefined,
    ),
  );
  const communications = requiredArray(request, 'communications', '');
  if (communications.length === 0) throw invalidField('communications', 'a conversation needs at least one communication');
  const start = Date.parse(createdAt);
  const records = communications.map((raw, index) => {
    const path = fieldPath('communications', index);
    const communication = requireObject(raw, path);
    allowOnly(communication, path, ['participant', 'text', 'createdAt']);
    const at = dateField(communication, 'createdAt', path) ?? new Date(start + index * 1000).toISOString();
    const which = communication.participant ?? index % participants.length;
    const author = typeof which === 'number' ? participants[which] : undefined;
    if (!author) throw invalidField(fieldPath(path, 'participant'), `expected a participant index from 0 to ${participants.length - 1}`);
    const address = addressOf(author);
    return {
      sid: newId('communication'),
      conversationId,
      accountSid,
      author: { address: address.address, channel: address.channel, participantId: author.sid },
      content: { type: 'TEXT' as const, text: requiredString(communication, 'text', path) },
      recipients: participants
        .filter((participant) => participant !== author)
        .map((participant) => ({ ...addressOf(participant), participantId: participant.sid })),
      createdAt: at,
      updatedAt: at,
      occurredAt: at,
    };
  });
  const status = optionalString(request, 'status', '', { oneOf: CONVERSATION_STATUSES }) ?? 'CLOSED';
  collections.conversations.insert({
    sid: conversationId,
    accountSid,
    configurationId: configuration.sid,
    status: CONVERSATION_STATUSES.find((known) => known === status) ?? 'CLOSED',
    name: optionalString(request, 'name', '') ?? null,
    channelIds: stringList(request, 'channelIds'),
    createdAt,
    updatedAt: records[records.length - 1]?.createdAt ?? createdAt,
  });
  participants.forEach((participant) => collections.participants.insert(participant));
  records.forEach((record) => collections.communications.insert(record));
  return { conversationId, conversationConfigurationId: configuration.sid, memoryStoreId: configuration.memoryStoreId ?? null };
}

/** The configuration named by `conversationConfigurationId`, or a new one (with a new memory store unless `memoryStore: false`). */
function conversationConfiguration(
  store: Store,
  collections: ConversationCollections,
  request: JsonObject,
  now: string,
): ConversationConfigurationRecord {
  const existingId = optionalString(request, 'conversationConfigurationId', '');
  if (existingId !== undefined) {
    const existing = collections.configurations.get(existingId);
    if (!existing) throw invalidField('conversationConfigurationId', `conversation configuration ${existingId} does not exist`);
    return existing;
  }
  const intelligenceConfigurationIds = stringList(request, 'intelligenceConfigurationIds');
  intelligenceConfigurationIds.forEach((id, index) => {
    if (!isId('configuration', id) || !configurationCollection(store).get(id)) {
      throw invalidField(fieldPath('intelligenceConfigurationIds', index), `Intelligence Configuration ${id} does not exist`);
    }
  });
  const withMemory = optionalBoolean(request, 'memoryStore', '') ?? true;
  const memoryStoreId = withMemory ? newId('memoryStore') : undefined;
  if (memoryStoreId) {
    collections.memoryStores.insert({
      sid: memoryStoreId,
      displayName: `emulator-store-${collections.memoryStores.size + 1}`,
      status: 'ACTIVE',
      intelligenceServiceId: null,
      version: 1,
    });
  }
  return collections.configurations.insert({
    sid: newId('conversationConfiguration'),
    displayName: `emulator-${collections.configurations.size + 1}`,
    description: 'Seeded by POST /emulator/v3/Conversations',
    conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES',
    ...(memoryStoreId ? { memoryStoreId } : {}),
    intelligenceConfigurationIds,
    memoryExtractionEnabled: false,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
}

function readParticipant(
  raw: unknown,
  path: string,
  conversationId: string,
  accountSid: string,
  now: string,
  withMemory: boolean,
): ParticipantRecord {
  const participant = requireObject(raw, path);
  allowOnly(participant, path, ['name', 'type', 'address', 'channel']);
  const type = optionalString(participant, 'type', path, { oneOf: PARTICIPANT_TYPES }) ?? 'UNKNOWN';
  const channel = optionalString(participant, 'channel', path, { oneOf: CHANNELS }) ?? 'VOICE';
  const knownType: ParticipantType = PARTICIPANT_TYPES.find((known) => known === type) ?? 'UNKNOWN';
  const knownChannel: Channel = CHANNELS.find((known) => known === channel) ?? 'VOICE';
  return {
    sid: newId('participant'),
    conversationId,
    accountSid,
    name: optionalString(participant, 'name', path) ?? null,
    type: knownType,
    // Memory resolves a customer to a profile; the emulator gives each seeded customer one.
    ...(withMemory && knownType === 'CUSTOMER' ? { profileId: newId('memoryProfile') } : {}),
    addresses: [
      { channel: knownChannel, address: optionalString(participant, 'address', path) ?? `participant-${conversationId.slice(-6)}` },
    ],
    createdAt: now,
    updatedAt: now,
  };
}

function stringList(request: JsonObject, name: string): string[] {
  const values = optionalArray(request, name, '') ?? [];
  return values.map((value, index) => {
    if (typeof value !== 'string') throw invalidField(fieldPath(name, index), 'expected a string');
    return value;
  });
}

function dateField(object: JsonObject, name: string, path = ''): string | undefined {
  const value = optionalString(object, name, path);
  if (value !== undefined && Number.isNaN(Date.parse(value))) throw invalidField(fieldPath(path, name), `'${value}' is not a date-time`);
  return value === undefined ? undefined : new Date(value).toISOString();
}

/** A seeded participant's one address (readParticipant gives each exactly one). */
function addressOf(participant: ParticipantRecord): { address: string; channel: Channel } {
  const [address] = participant.addresses;
  if (!address) throw new Error(`participant ${participant.sid} has no address`);
  return { address: address.address, channel: address.channel };
}
