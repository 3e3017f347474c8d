// Conversations v2: Conversations (create with a configuration and participants, list, fetch, PUT/PATCH status and
// name, delete 202), Participants and Communications. Every change goes through lifecycle.ts, which fires triggers.
import type { RequestContext, Route } from '../router.js';
import {
  allowOnly,
  fieldPath,
  optionalArray,
  optionalObject,
  optionalString,
  requireObject,
  requiredArray,
  requiredString,
  type JsonObject,
} from '../v3/body.js';
import { configurationCollection } from '../v3/configurations/records.js';
import { invalidField, notFound } from '../v3/errors.js';
import { isId } from '../v3/ids.js';
import { keyedTokenPage } from '../v3/paging.js';
import type { ParamMap } from '../params.js';
import { optionalString as queryString } from '../params.js';
import { accepted } from './configuration-routes.js';
import { oneOf, optionalDate, readEndpoint, readParticipantInput, readStatusCallbacks, stringArray } from './input.js';
import {
  addCommunications,
  addParticipant,
  createConversation,
  deleteConversation,
  setStatus,
  type CommunicationInput,
} from './lifecycle.js';
import {
  communicationsOf,
  conversationBundle,
  conversationCollections,
  CONVERSATION_STATUSES,
  participantsOf,
  type ConversationRecord,
  type TranscriptionDetails,
} from './records.js';
import { renderCommunication, renderConversation, renderParticipant } from './view.js';

export const conversationV2Routes: Route[] = [
  {
    method: 'POST',
    pattern: '/v2/Conversations',
    handler(context) {
      const body = requireObject(context.body, '');
      allowOnly(body, '', ['configurationId', 'name', 'configuration', 'participants']);
      const configurationId = requiredString(body, 'configurationId', '');
      if (!conversationCollections(context.store).configurations.get(configurationId)) throw notFound('Configuration', configurationId);
      const override = optionalObject(body, 'configuration', '');
      if (override) allowOnly(override, 'configuration', ['intelligenceConfigurationIds']);
      const intelligenceConfigurationIds =
        override?.intelligenceConfigurationIds === undefined ? undefined : intelligenceIds(context, override.intelligenceConfigurationIds);
      const participants = (optionalArray(body, 'participants', '', 50) ?? []).map((raw, index) =>
        readParticipantInput(raw, fieldPath('participants', index), false),
      );
      const name = optionalString(body, 'name', '');
      const conversation = createConversation(context.store, context.accountSid, {
        configurationId,
        ...(name === undefined ? {} : { name }),
        ...(intelligenceConfigurationIds === undefined ? {} : { intelligenceConfigurationIds }),
        participants,
      });
      return { status: 201, body: render(context, conversation) };
    },
  },
  {
    method: 'GET',
    pattern: '/v2/Conversations',
    handler({ store, query }) {
      const statuses = listParam(query, 'status');
      const unknown = statuses.find((status) => !oneOf(CONVERSATION_STATUSES, status));
      if (unknown !== undefined) throw invalidField('status', `'${unknown}' is not one of ${CONVERSATION_STATUSES.join(', ')}`);
      const channelId = queryString(query, 'channelId');
      const collections = conversationCollections(store);
      const entries = collections.conversations
        .entries()
        .filter(({ value }) => statuses.length === 0 || statuses.includes(value.status))
        .filter(({ value }) => channelId === undefined || value.channelIds.includes(channelId));
      return {
        status: 200,
        body: keyedTokenPage('conversations', entries, query, (conversation) =>
          renderConversation(conversationBundle(collections, conversation)),
        ),
      };
    },
  },
  {
    method: 'GET',
    pattern: '/v2/Conversations/{id}',
    handler: (context) => ({ status: 200, body: render(context, conversationFrom(context, 'id')) }),
  },
  {
    method: 'PUT',
    pattern: '/v2/Conversations/{id}',
    handler(context) {
      const conversation = conversationFrom(context, 'id');
      const body = requireObject(context.body, '');
      allowOnly(body, '', ['name', 'status']);
      requiredString(body, 'status', '');
      return { status: 200, body: render(context, changeConversation(context, conversation, body)) };
    },
  },
  {
    method: 'PATCH',
    pattern: '/v2/Conversations/{id}',
    handler(context) {
      const conversation = conversationFrom(context, 'id');
      const body = requireObject(context.body ?? {}, '');
      allowOnly(body, '', ['name', 'status', 'configuration']);
      return { status: 200, body: render(context, changeConversation(context, conversation, body)) };
    },
  },
  {
    // Twilio: "Asynchronously delete a conversation and all associated data" — its Intelligence results too.
    method: 'DELETE',
    pattern: '/v2/Conversations/{id}',
    handler(context) {
      const conversation = conversationFrom(context, 'id');
      deleteConversation(context.store, conversation.sid);
      return accepted(context, { conversationId: conversation.sid });
    },
  },
  {
    method: 'POST',
    pattern: '/v2/Conversations/{ConversationId}/Participants',
    handler(context) {
      const conversation = conversationFrom(context, 'ConversationId');
      const input = readParticipantInput(context.body, '', true);
      return { status: 201, body: renderParticipant(addParticipant(context.store, context.accountSid, conversation.sid, input)) };
    },
  },
  {
    method: 'GET',
    pattern: '/v2/Conversations/{ConversationId}/Participants',
    handler(context) {
      const conversation = conversationFrom(context, 'ConversationId');
      const entries = participantsOf(conversationCollections(context.store), conversation.sid).map((value, seq) => ({ seq, value }));
      return { status: 200, body: keyedTokenPage('participants', entries, context.query, renderParticipant) };
    },
  },
  {
    method: 'GET',
    pattern: '/v2/Conversations/{ConversationId}/Participants/{id}',
    handler(context) {
      const conversation = conversationFrom(context, 'ConversationId');
      const id = context.params.id ?? '';
      const participant = participantsOf(conversationCollections(context.store), conversation.sid).find(
        (candidate) => candidate.sid === id,
      );
      if (!participant) throw notFound('Participant', id);
      return { status: 200, body: renderParticipant(participant) };
    },
  },
  {
    method: 'PUT',
    pattern: '/v2/Conversations/{ConversationId}/Participants/{id}',
    handler(context) {
      const conversation = conversationFrom(context, 'ConversationId');
      const id = context.params.id ?? '';
      const collections = conversationCollections(context.store);
      const participant = participantsOf(collections, conversation.sid).find((candidate) => candidate.sid === id);
      if (!participant) throw notFound('Participant', id);
      const body = requireObject(context.body ?? {}, '');
      const input = readParticipantInput(body, '', false);
      const updated = collections.participants.replace({
        ...participant,
        ...(body.name === undefined ? {} : { name: input.name ?? null }),
        ...(input.type === undefined ? {} : { type: input.type }),
        ...(input.profileId === undefined ? {} : { profileId: input.profileId }),
        ...(body.addresses === undefined ? {} : { addresses: input.addresses }),
        updatedAt: new Date().toISOString(),
      });
      return { status: 200, body: renderParticipant(updated) };
    },
  },
  {
    method: 'POST',
    pattern: '/v2/Conversations/{ConversationId}/Communications',
    handler(context) {
      const conversation = conversationFrom(context, 'ConversationId');
      const [record] = addCommunications(context.store, context.accountSid, conversation.sid, [readCommunication(context.body)]);
      if (!record) throw new Error('addCommunications returned nothing for one input');
      return { status: 201, body: renderCommunication(record) };
    },
  },
  {
    method: 'GET',
    pattern: '/v2/Conversations/{ConversationId}/Communications',
    handler(context) {
      const conversation = conversationFrom(context, 'ConversationId');
      const channelId = queryString(context.query, 'channelId');
      const entries = communicationsOf(conversationCollections(context.store), conversation.sid)
        .filter((communication) => channelId === undefined || communication.channelId === channelId)
        .map((value, seq) => ({ seq, value }));
      return { status: 200, body: keyedTokenPage('communications', entries, context.query, renderCommunication) };
    },
  },
  {
    method: 'GET',
    pattern: '/v2/Conversations/{ConversationId}/Communications/{id}',
    handler(context) {
      const conversation = conversationFrom(context, 'ConversationId');
      const id = context.params.id ?? '';
      const record = communicationsOf(conversationCollections(context.store), conversation.sid).find((candidate) => candidate.sid === id);
      if (!record) throw notFound('Communication', id);
      return { status: 200, body: renderCommunication(record) };
    },
  },
];

function conversationFrom(context: RequestContext, param: string): ConversationRecord {
  const id = context.params[param] ?? '';
  const conversation = isId('conversation', id) ? conversationCollections(context.store).conversations.get(id) : undefined;
  if (!conversation) throw notFound('Conversation', id);
  return conversation;
}

function render(context: RequestContext, conversation: ConversationRecord): JsonObject {
  return renderConversation(conversationBundle(conversationCollections(context.store), conversation));
}

/** Name and status callbacks first (they fire nothing), then the status through the lifecycle (which may fire rules). */
function changeConversation(context: RequestContext, conversation: ConversationRecord, body: JsonObject): ConversationRecord {
  const collections = conversationCollections(context.store);
  const override = optionalObject(body, 'configuration', '');
  if (override) allowOnly(override, 'configuration', ['statusCallbacks']);
  const name = body.name === null ? null : optionalString(body, 'name', '');
  const callbacks = override?.statusCallbacks;
  if (name !== undefined || callbacks !== undefined) {
    const changed: ConversationRecord = { ...conversation, updatedAt: new Date().toISOString() };
    if (name !== undefined) changed.name = name;
    // An empty list clears the callbacks ("stop webhook delivery"); null goes back to the configuration's.
    if (callbacks === null) delete changed.statusCallbacks;
    else if (callbacks !== undefined) changed.statusCallbacks = readStatusCallbacks(callbacks, 'configuration.statusCallbacks', 20);
    collections.conversations.replace(changed);
  }
  const status = oneOf(CONVERSATION_STATUSES, optionalString(body, 'status', '', { oneOf: CONVERSATION_STATUSES }));
  if (status !== undefined) setStatus(context.store, context.accountSid, conversation.sid, status);
  const updated = collections.conversations.get(conversation.sid);
  if (!updated) throw notFound('Conversation', conversation.sid);
  return updated;
}

function intelligenceIds(context: RequestContext, raw: unknown): string[] {
  const ids = stringArray(raw, 'configuration.intelligenceConfigurationIds', 5);
  ids.forEach((id, index) => {
    if (!isId('configuration', id) || !configurationCollection(context.store).get(id)) {
      throw invalidField(`configuration.intelligenceConfigurationIds[${index}]`, `Intelligence Configuration ${id} does not exist`);
    }
  });
  return ids;
}

function readCommunication(raw: unknown): CommunicationInput {
  const body = requireObject(raw, '');
  // `resourceId` is not in the spec's request (only in the response); twilio-node 6.3.1 sends it when given.
  allowOnly(body, '', ['author', 'content', 'channelId', 'resourceId', 'recipients', 'occurredAt']);
  const author = readEndpoint(body.author, 'author');
  const content = requireObject(body.content, 'content');
  const type = requiredString(content, 'type', 'content', { oneOf: ['TEXT', 'TRANSCRIPTION'] });
  allowOnly(content, 'content', type === 'TEXT' ? ['type', 'text'] : ['type', 'text', 'transcription']);
  const recipients = requiredArray(body, 'recipients', '');
  if (recipients.length === 0) throw invalidField('recipients', 'needs at least one recipient');
  const channelId = optionalString(body, 'channelId', '');
  const resourceId = optionalString(body, 'resourceId', '');
  const occurredAt = optionalDate(body, 'occurredAt', '');
  return {
    author:
      author.participantId === undefined ? { address: author.address, channel: author.channel } : { participantId: author.participantId },
    text: requiredString(content, 'text', 'content'),
    ...(type === 'TRANSCRIPTION' ? { transcription: readTranscription(content) } : {}),
    recipients: recipients.map((recipient, index) => readEndpoint(recipient, fieldPath('recipients', index))),
    ...(channelId === undefined ? {} : { channelId }),
    ...(resourceId === undefined ? {} : { resourceId }),
    ...(occurredAt === undefined ? {} : { occurredAt }),
  };
}

function readTranscription(content: JsonObject): TranscriptionDetails {
  const details = optionalObject(content, 'transcription', 'content');
  if (!details) return {};
  allowOnly(details, 'content.transcription', ['channel', 'confidence', 'engine']);
  const { channel, confidence } = details;
  if (channel !== undefined && (typeof channel !== 'number' || !Number.isInteger(channel))) {
    throw invalidField('content.transcription.channel', 'expected an integer');
  }
  if (confidence !== undefined && (typeof confidence !== 'number' || confidence < 0 || confidence > 1)) {
    throw invalidField('content.transcription.confidence', 'expected a number from 0 to 1');
  }
  const engine = optionalString(details, 'engine', 'content.transcription');
  return {
    ...(typeof channel === 'number' ? { channel } : {}),
    ...(typeof confidence === 'number' ? { confidence } : {}),
    ...(engine === undefined ? {} : { engine }),
  };
}

/** An array parameter: repeated (`status=ACTIVE&status=CLOSED`, as the SDK sends it) or given once. */
function listParam(query: ParamMap, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
