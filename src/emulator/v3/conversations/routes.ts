// /v3/Conversations: list with every filter the spec has, fetch with communications and operatorResultIds.
import { badRequest, invalidField, notFound } from '../errors.js';
import { optionalString, type ParamMap } from '../../params.js';
import type { Route } from '../../router.js';
import { isId } from '../ids.js';
import { tokenPage } from '../paging.js';
import { idFilter } from '../results/routes.js';
import { resultCollection, type OperatorResultRecord } from '../results/records.js';
import {
  CONVERSATION_STATUSES,
  conversationBundle,
  conversationCollections,
  intelligenceConfigurationIdsOf,
  type ConversationBundle,
} from '../../conversations/records.js';
import { channelsOf, renderConversation, renderConversationItem, V3_CHANNELS } from './view.js';

/** The spec's limit on createdAtAfter … createdAtBefore. */
const MAX_RANGE_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;

type Filter = (bundle: ConversationBundle, results: readonly OperatorResultRecord[]) => boolean;

export const conversationRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v3/Conversations',
    handler({ store, query }) {
      const filters = readFilters(query);
      const collections = conversationCollections(store);
      const results = resultCollection(store)
        .entries()
        .map((entry) => entry.value);
      const entries = collections.conversations
        .entries()
        .map((entry) => ({ seq: entry.seq, value: conversationBundle(collections, entry.value) }))
        .filter(({ value }) => filters.every((filter) => filter(value, results)));
      return { status: 200, body: tokenPage(entries, query, (bundle) => renderConversationItem(bundle, results)) };
    },
  },
  {
    method: 'GET',
    pattern: '/v3/Conversations/{id}',
    handler({ store, params }) {
      const collections = conversationCollections(store);
      const id = params.id ?? '';
      const conversation = isId('conversation', id) ? collections.conversations.get(id) : undefined;
      if (!conversation) throw notFound('Conversation', id);
      const results = resultCollection(store)
        .entries()
        .map((entry) => entry.value);
      return { status: 200, body: renderConversation(conversationBundle(collections, conversation), results) };
    },
  },
];

function readFilters(query: ParamMap): Filter[] {
  const filters: Filter[] = [];
  const after = dateParam(query, 'createdAtAfter');
  const before = dateParam(query, 'createdAtBefore');
  if (after !== undefined && before !== undefined) {
    if (after > before) throw badRequest('createdAtAfter must not be later than createdAtBefore');
    if (before - after > MAX_RANGE_DAYS * DAY_MS) {
      throw invalidField('createdAtBefore', `createdAtAfter … createdAtBefore spans more than ${MAX_RANGE_DAYS} days`);
    }
  }
  if (after !== undefined) filters.push(({ conversation }) => Date.parse(conversation.createdAt) > after);
  if (before !== undefined) filters.push(({ conversation }) => Date.parse(conversation.createdAt) < before);

  const status = optionalString(query, 'status');
  if (status !== undefined) {
    if (!CONVERSATION_STATUSES.some((known) => known === status))
      throw invalidField('status', `'${status}' is not one of ${CONVERSATION_STATUSES.join(', ')}`);
    filters.push(({ conversation }) => conversation.status === status);
  }
  const channelId = optionalString(query, 'channelId');
  if (channelId !== undefined) filters.push(({ conversation }) => conversation.channelIds.includes(channelId));

  const channels = listParam(query, 'channels');
  const unknownChannel = channels.find((channel) => !V3_CHANNELS.some((known) => known === channel));
  if (unknownChannel !== undefined) throw invalidField('channels', `'${unknownChannel}' is not one of ${V3_CHANNELS.join(', ')}`);
  if (channels.length > 0) filters.push((bundle) => channelsOf(bundle).some((channel) => channels.includes(channel)));

  const configurationId = optionalString(query, 'conversationConfigurationId');
  if (configurationId !== undefined) filters.push(({ conversation }) => conversation.configurationId === configurationId);

  const intelligenceIds = listParam(query, 'intelligenceConfigurationIds');
  intelligenceIds.forEach((id) => idFilter({ intelligenceConfigurationIds: id }, 'intelligenceConfigurationIds', 'configuration'));
  if (intelligenceIds.length > 0) {
    filters.push((bundle) => intelligenceConfigurationIdsOf(bundle).some((id) => intelligenceIds.includes(id)));
  }
  const operatorIds = listParam(query, 'operatorIds');
  operatorIds.forEach((id) => idFilter({ operatorIds: id }, 'operatorIds', 'operator'));
  if (operatorIds.length > 0) {
    filters.push(({ conversation }, results) =>
      results.some((result) => result.conversationId === conversation.sid && operatorIds.includes(result.operator.id)),
    );
  }
  return filters;
}

/** Epoch ms of a date-time query parameter. */
function dateParam(query: ParamMap, name: string): number | undefined {
  const value = optionalString(query, name);
  if (value === undefined) return undefined;
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw invalidField(name, `'${value}' is not an ISO 8601 date-time`);
  return time;
}

/** An array parameter: repeated (`channels=VOICE&channels=SMS`, as the SDK sends it) or given once. */
function listParam(query: ParamMap, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
