// POST /emulator/v3/Conversations (emulator-only): a conversation with its participants and communications, and
// what it needs to run rules — a conversation configuration naming Intelligence Configurations, a memory store —
// written through the lifecycle (conversations/lifecycle.ts) with triggers off: a seeded conversation is history.
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
import { addCommunications, createConversation, setStatus, type ParticipantInput } from '../../conversations/lifecycle.js';
import {
  CHANNELS,
  CONVERSATION_STATUSES,
  PARTICIPANT_TYPES,
  conversationCollections,
  participantsOf,
  type ConversationConfigurationRecord,
} from '../../conversations/records.js';
import { memoryStoreCollection } from '../../memory/records.js';

const DEFAULT_PARTICIPANTS = [
  { name: 'Agent', type: 'HUMAN_AGENT', address: 'agent@example.com' },
  { name: 'Customer', type: 'CUSTOMER', address: '+15555550100' },
];

const NO_TRIGGERS = { fireTriggers: false };

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
  const createdAt = dateField(request, 'createdAt') ?? new Date().toISOString();
  const configuration = conversationConfiguration(store, request, createdAt);
  const participants = (optionalArray(request, 'participants', '') ?? DEFAULT_PARTICIPANTS).map((raw, index) =>
    readParticipant(raw, fieldPath('participants', index), index),
  );
  const communications = requiredArray(request, 'communications', '');
  if (communications.length === 0) throw invalidField('communications', 'a conversation needs at least one communication');
  const status = optionalString(request, 'status', '', { oneOf: CONVERSATION_STATUSES }) ?? 'CLOSED';
  const conversation = createConversation(store, accountSid, {
    configurationId: configuration.sid,
    name: optionalString(request, 'name', '') ?? null,
    channelIds: stringList(request, 'channelIds'),
    participants,
    createdAt,
  });
  const members = participantsOf(conversationCollections(store), conversation.sid);
  const start = Date.parse(createdAt);
  const inputs = communications.map((raw, index) => {
    const path = fieldPath('communications', index);
    const communication = requireObject(raw, path);
    allowOnly(communication, path, ['participant', 'text', 'createdAt']);
    const which = communication.participant ?? index % members.length;
    const author = typeof which === 'number' ? members[which] : undefined;
    if (!author) throw invalidField(fieldPath(path, 'participant'), `expected a participant index from 0 to ${members.length - 1}`);
    return {
      author: { participantId: author.sid },
      text: requiredString(communication, 'text', path),
      occurredAt: dateField(communication, 'createdAt', path) ?? new Date(start + index * 1000).toISOString(),
      backdate: true,
    };
  });
  addCommunications(store, accountSid, conversation.sid, inputs, NO_TRIGGERS);
  const known = CONVERSATION_STATUSES.find((candidate) => candidate === status) ?? 'CLOSED';
  setStatus(store, accountSid, conversation.sid, known, NO_TRIGGERS);
  return {
    conversationId: conversation.sid,
    conversationConfigurationId: configuration.sid,
    memoryStoreId: configuration.memoryStoreId ?? null,
  };
}

/** The configuration named by `conversationConfigurationId`, or a new one (with a new memory store unless `memoryStore: false`). */
function conversationConfiguration(store: Store, request: JsonObject, now: string): ConversationConfigurationRecord {
  const collections = conversationCollections(store);
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
    const stores = memoryStoreCollection(store);
    stores.insert({
      sid: memoryStoreId,
      displayName: `emulator-store-${stores.size + 1}`,
      intelligenceServiceId: null,
      version: 1,
      createdAt: now,
      activeAt: now,
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

function readParticipant(raw: unknown, path: string, index: number): ParticipantInput {
  const participant = requireObject(raw, path);
  allowOnly(participant, path, ['name', 'type', 'address', 'channel']);
  const type = optionalString(participant, 'type', path, { oneOf: PARTICIPANT_TYPES }) ?? 'UNKNOWN';
  const channel = optionalString(participant, 'channel', path, { oneOf: CHANNELS }) ?? 'VOICE';
  return {
    name: optionalString(participant, 'name', path) ?? null,
    type: PARTICIPANT_TYPES.find((known) => known === type) ?? 'UNKNOWN',
    addresses: [
      {
        channel: CHANNELS.find((known) => known === channel) ?? 'VOICE',
        address: optionalString(participant, 'address', path) ?? `participant-${index + 1}`,
      },
    ],
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
