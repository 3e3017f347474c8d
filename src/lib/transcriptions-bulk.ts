// `ci transcribe --from-file` on v3: each input a Voice v3 transcription into a conversation, through the bulk
// core (bulk.ts: pool, retries, state file, lookups), closed once transcribed unless told not to.
import type { Twilio } from 'twilio';
import { ADOPT_WINDOW_MS, ingestAll, type BulkIngest, type BulkOutcome, type IngestOptions } from './bulk.js';
import type { BulkItem } from './bulk-input.js';
import { WaitError } from './errors.js';
import { toPlain } from './output/format.js';
import type { Row } from './output/types.js';
import { mapPool } from './pool.js';
import {
  closeConversation,
  fetchTranscription,
  findTranscriptionOfRecording,
  listTranscriptions,
  startTranscription,
  waitForConversationResults,
  waitForTranscription,
  type WaitOptions,
} from './transcriptions.js';

/** One NDJSON line per input. */
export interface TranscriptionLine {
  input: string;
  line: number;
  transcriptionId: string | null;
  /** Known once the transcription completed (when ci closes conversations, or after --wait). */
  conversationId?: string | null;
  outcome: BulkOutcome;
  error: string | null;
  resumed?: true;
}

export interface TranscriptionBulkOptions extends IngestOptions {
  configurationId: string;
  /** Close each conversation once its transcription completes (so CONVERSATION_END rules run). */
  close: boolean;
  wait: Omit<WaitOptions, 'onStatus'>;
}

export async function* transcribeAllV3(
  client: Twilio,
  items: readonly BulkItem[],
  options: TranscriptionBulkOptions,
): AsyncGenerator<TranscriptionLine> {
  for await (const { input, line, id, outcome, error, resumed, details } of ingestAll(
    items,
    transcriptionIngest(client, options),
    options,
  )) {
    yield { input, line, transcriptionId: id, ...details, outcome, error, ...(resumed ? { resumed } : {}) };
  }
}

function transcriptionIngest(client: Twilio, options: TranscriptionBulkOptions): BulkIngest {
  const { configurationId } = options;
  return {
    async create(item) {
      if ('recordingSid' in item.source) {
        const earlier = await findTranscriptionOfRecording(client, item.source.recordingSid, configurationId);
        if (earlier) return { outcome: 'exists', id: String(earlier.id) };
      }
      return { outcome: 'created', id: String((await startTranscription(client, { configurationId, source: item.source })).id) };
    },
    async lookUp(items, since) {
      const createdAfter = new Date(since.getTime() - ADOPT_WINDOW_MS);
      const keyOf = (sourceId: unknown, mediaUrl: unknown) => JSON.stringify([sourceId ?? null, mediaUrl ?? null]);
      const inputs = new Map(
        items.map((item) => [
          'recordingSid' in item.source ? keyOf(item.source.recordingSid, null) : keyOf(null, item.source.mediaUrl),
          item.input,
        ]),
      );
      const found = new Map<string, string>();
      for (const row of await listTranscriptions(client, { createdAfter })) {
        const input = row.transcriptionConfigurationId === configurationId ? inputs.get(keyOf(row.sourceId, row.mediaUrl)) : undefined;
        if (input !== undefined && !found.has(input)) found.set(input, String(row.id));
      }
      return found;
    },
    ...(options.close
      ? {
          async finish(id: string) {
            const transcription = await waitForTranscription(client, id, options.wait);
            const conversationId = typeof transcription.conversationId === 'string' ? transcription.conversationId : null;
            if (conversationId) await closeOnce(client, conversationId);
            return { conversationId };
          },
        }
      : {}),
  };
}

/** Closes the conversation unless it is closed already (a rerun finishing what a crashed run started). */
export async function closeOnce(client: Twilio, conversationId: string): Promise<void> {
  const conversation = toPlain<Row>(await client.intelligence.v3.conversations(conversationId).fetch());
  if (conversation.status !== 'CLOSED') await closeConversation(client, conversationId);
}

export interface ConversationResultsLine {
  transcriptionId: string;
  conversationId: string | null;
  status: string;
  operatorResults: unknown[];
  error?: string;
}

/** --wait: every transcription, then the results its conversation's rules made; failures carry the reason. */
export function waitForAllV3(
  client: Twilio,
  ids: readonly string[],
  options: { concurrency: number; closed: boolean; wait: Omit<WaitOptions, 'onStatus'> },
): AsyncGenerator<ConversationResultsLine> {
  return mapPool(ids, options.concurrency, options.wait.signal, async (id): Promise<ConversationResultsLine> => {
    let conversationId: string | null = null;
    try {
      const transcription = await waitForTranscription(client, id, options.wait);
      conversationId = typeof transcription.conversationId === 'string' ? transcription.conversationId : null;
      const operatorResults = conversationId ? await waitForConversationResults(client, conversationId, options.closed, options.wait) : [];
      return { transcriptionId: id, conversationId, status: String(transcription.status), operatorResults };
    } catch (error) {
      if (!(error instanceof WaitError)) throw error;
      const { status } = await fetchTranscription(client, id);
      return { transcriptionId: id, conversationId, status: String(status), operatorResults: [], error: error.message };
    }
  });
}
