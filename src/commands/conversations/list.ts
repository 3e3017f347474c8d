import { assertDateRange, listConversations, type ConversationFilters } from '../../lib/conversations-v3.js';
import { cellText } from '../../lib/output/format.js';
import type { Column } from '../../lib/output/types.js';
import { parseIsoDateTime } from '../../lib/time.js';
import { resolveConfiguration } from '../../lib/v3/configurations.js';
import { operatorId } from '../../lib/v3/operators.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import type { list } from './specs.js';

/** Conversations pile up: without --limit or --all, this many. */
const DEFAULT_LIMIT = 50;

const count = (value: unknown) => String(Array.isArray(value) ? value.length : 0);

export const CONVERSATION_COLUMNS: Column[] = [
  { key: 'id', header: 'ID', id: true },
  { key: 'name' },
  { key: 'status' },
  { key: 'channels', format: (value) => (Array.isArray(value) ? value.map((channel) => cellText(channel)).join(',') : '') },
  { key: 'participants', format: count },
  { key: 'operatorResultIds', header: 'RESULTS', format: count },
  { key: 'createdAt', header: 'CREATED' },
];

const date = (value: string | undefined, flag: string) => (value === undefined ? undefined : parseIsoDateTime(value, flag));

export const run: Run<typeof list> = async (ctx, options) => {
  onlyV3(ctx, 'conversations');
  const createdAtAfter = date(options.createdAfter, '--created-after');
  const createdAtBefore = date(options.createdBefore, '--created-before');
  assertDateRange(createdAtAfter, createdAtBefore, { after: '--created-after', before: '--created-before' });
  const client = await ctx.client();
  const filters: ConversationFilters = {
    createdAtAfter,
    createdAtBefore,
    status: options.status,
    channelId: options.channelId,
    channels: options.channel,
    conversationConfigurationId: options.conversationConfiguration,
  };
  if (options.configuration) {
    filters.intelligenceConfigurationIds = await Promise.all(
      options.configuration.map(async (ref) => (await resolveConfiguration(client, ref)).id),
    );
  }
  if (options.operator) filters.operatorIds = await Promise.all(options.operator.map((ref) => operatorId(client, ref)));
  const limit = options.all ? Infinity : (options.limit ?? DEFAULT_LIMIT);
  return { kind: 'list', rows: listConversations(client, filters, limit), columns: CONVERSATION_COLUMNS };
};
