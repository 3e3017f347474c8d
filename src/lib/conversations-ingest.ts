// `ci conversations ingest` in bulk: each written conversation through the bulk core (bulk.ts: pool, retries,
// state file, lookups), so a rerun makes nothing twice. The create carries a marker of its input on the
// participants' addresses (`channelId`, which the API stores and lists with the conversation), so a rerun
// finds what a crashed run made; the communications are then added from the first one missing, in order.
import { createHash } from 'node:crypto';
import type { Twilio } from 'twilio';
import {
  ADOPT_WINDOW_MS,
  ITEM_ATTEMPTS,
  ingestAll,
  isTransient,
  type BulkIngest,
  type BulkKey,
  type BulkOutcome,
  type IngestOptions,
} from './bulk.js';
import type { WrittenConversation } from './conversation-text.js';
import { closeConversation, listCommunications, planConversation, type Channel, type ConversationPlan } from './conversations-v2.js';
import { ApiError, InterruptedError } from './errors.js';
import { toPlain } from './output/format.js';
import type { Row } from './output/types.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry.js';
import { sleep } from './time.js';

/** One written conversation to ingest; `input` is where it came from (a file, `<jsonl>:<line>`). */
export interface ConversationItem extends BulkKey {
  name: string;
  written: WrittenConversation;
}

/** One NDJSON line per input. */
export interface ConversationLine {
  source: string;
  conversationId: string | null;
  name: string;
  /** Known when this run finished the conversation (not for one the state file says is done). */
  communications: number | null;
  status: string | null;
  outcome: BulkOutcome;
  error: string | null;
  resumed?: true;
}

export interface ConversationBulkOptions extends IngestOptions {
  configurationId: string;
  channel: Channel;
  /** Close each conversation once its communications are in (CONVERSATION_END rules fire). */
  close: boolean;
  /** Times for utterances without `at`: this, then a second apart; default the conversation's creation time. */
  start?: Date;
}

interface Finished {
  communications: number;
  status: string;
}

/** Ingests every item, yielding a line as each finishes (see ingestAll): exactly one conversation per input. */
export async function* ingestConversations(
  client: Twilio,
  items: readonly ConversationItem[],
  options: ConversationBulkOptions,
): AsyncGenerator<ConversationLine> {
  const finished = new Map<string, Finished>();
  const nameOf = new Map(items.map((item) => [item.input, item.name]));
  for await (const line of ingestAll(items, conversationIngest(client, options, finished), options)) {
    const done = finished.get(line.input);
    yield {
      source: line.input,
      conversationId: line.id,
      name: nameOf.get(line.input) ?? line.input,
      communications: done?.communications ?? null,
      status: done?.status ?? null,
      outcome: line.outcome,
      error: line.error,
      ...(line.resumed ? { resumed: line.resumed } : {}),
    };
  }
}

/** The marker of an item's create: the same for the same input, name, configuration, channel and text, and only then. */
export function markerOf(item: ConversationItem, configurationId: string, channel: Channel): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([item.input, item.name, configurationId, channel, item.written]))
    .digest('hex');
  return `ci-ingest-${digest.slice(0, 32)}`;
}

function conversationIngest(
  client: Twilio,
  options: ConversationBulkOptions,
  finished: Map<string, Finished>,
): BulkIngest<ConversationItem> {
  const { configurationId, channel } = options;
  return {
    async create(item) {
      const { participants } = planConversation(item.written, channel, undefined);
      const channelId = markerOf(item, configurationId, channel);
      const conversation = await client.conversations.v2.conversations.create({
        configurationId,
        name: item.name,
        participants: participants.map((participant) => ({
          ...participant,
          addresses: participant.addresses.map((address) => ({ ...address, channelId })),
        })),
      });
      if (!conversation.id) throw new ApiError('the API made the conversation but gave no ID');
      return { outcome: 'created', id: conversation.id };
    },
    async lookUp(items, since) {
      const inputOf = new Map(items.map((item) => [markerOf(item, configurationId, channel), item.input]));
      const after = since.getTime() - ADOPT_WINDOW_MS;
      // The API filters conversations by status and channel resource only: one listing, matched here.
      const found = new Map<string, string>();
      for (const conversation of await client.conversations.v2.conversations.list({ pageSize: 1000 })) {
        const createdAt = conversation.createdAt ? new Date(conversation.createdAt).getTime() : Number.NaN;
        if (conversation.configurationId !== configurationId || !(createdAt >= after) || !conversation.id) continue;
        const markers = (conversation.participants ?? []).flatMap((participant) =>
          (participant.addresses ?? []).flatMap((address) => (address.channelId === undefined ? [] : [address.channelId])),
        );
        const input = markers.map((marker) => inputOf.get(marker)).find((candidate) => candidate !== undefined);
        if (input !== undefined && !found.has(input)) found.set(input, conversation.id);
      }
      return found;
    },
    async finish(id, item) {
      const conversation = toPlain<Row>(await client.conversations.v2.conversations(id).fetch());
      const createdAt = typeof conversation.createdAt === 'string' ? new Date(conversation.createdAt) : undefined;
      const { communications } = planConversation(item.written, channel, options.start ?? createdAt);
      await addMissing(client, id, communications, options.signal);
      let status = typeof conversation.status === 'string' ? conversation.status : 'ACTIVE';
      if (options.close && status !== 'CLOSED') {
        const closed = (await closeConversation(client, id)).status;
        status = typeof closed === 'string' ? closed : 'CLOSED';
      }
      finished.set(item.input, { communications: communications.length, status });
      return {};
    },
  };
}

type Communication = ConversationPlan['communications'][number];

/**
 * Adds the communications the conversation does not hold yet, in order. After a failed create (which may have
 * been applied) it lists them again before sending the next, so a retry neither duplicates nor skips one.
 */
async function addMissing(client: Twilio, id: string, planned: readonly Communication[], signal: AbortSignal): Promise<void> {
  let next: number | undefined;
  let failures = 0;
  for (;;) {
    try {
      next ??= heldPrefix(id, await listCommunications(client, id), planned);
      const communication = planned[next];
      if (communication === undefined) return;
      await client.conversations.v2.communications(id).create(communication);
      next++;
      failures = 0;
    } catch (error) {
      if (error instanceof InterruptedError || !isTransient(error) || ++failures >= ITEM_ATTEMPTS) throw error;
      next = undefined;
      await sleep(retryDelayMs(failures, DEFAULT_RETRY_POLICY), signal);
    }
  }
}

/** How many of the planned communications the conversation holds: they must be its first ones, in order. */
export function heldPrefix(id: string, held: readonly Row[], planned: readonly Communication[]): number {
  held.forEach((communication, index) => {
    const mine = planned[index];
    const author = (communication.author as { address?: unknown } | undefined)?.address;
    const text = (communication.content as { text?: unknown } | undefined)?.text;
    if (!mine || author !== mine.author.address || text !== mine.content.text)
      throw new ApiError(`conversation ${id} holds a communication ci did not send (number ${index + 1}); it was left as it is`);
  });
  return held.length;
}
