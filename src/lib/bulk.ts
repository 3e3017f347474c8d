// Bulk transcription: a worker pool over parsed input lines that loses nothing and creates nothing twice.
import type { Twilio } from 'twilio';
import type { BulkItem } from './bulk-input.js';
import type { BulkState } from './bulk-state.js';
import { UncertainWriteError } from './client.js';
import { InterruptedError, NETWORK_CODES, WaitError, errorText, httpStatusOf, toCliError } from './errors.js';
import type { Row } from './output/types.js';
import { mapPool } from './pool.js';
import { listOperatorResults } from './results.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry.js';
import { sleep } from './time.js';
import {
  fetchTranscript,
  findTranscriptOfRecording,
  listTranscripts,
  transcribe,
  waitForTranscript,
  type WaitOptions,
} from './transcripts.js';

export type BulkOutcome = 'created' | 'exists' | 'failed';

/** One NDJSON line per input. */
export interface BulkLine {
  input: string;
  line: number;
  transcriptSid: string | null;
  outcome: BulkOutcome;
  error: string | null;
  /** True when the state file already had it: nothing was sent. */
  fromState?: boolean;
}

export interface BulkOptions {
  serviceSid: string;
  concurrency: number;
  signal: AbortSignal;
  state: BulkState;
  now: () => Date;
}

/** Attempts per item on transient failures (429/5xx/network), on top of the client's own retries. */
const ITEM_ATTEMPTS = 5;
/** How far back a create of ours may be dated when we look for it (clock skew, second precision). */
const ADOPT_WINDOW_MS = 5 * 60_000;

/** Transcribes every item (skipping those the state file has), yielding a line as each finishes. */
export async function* transcribeAll(client: Twilio, items: readonly BulkItem[], options: BulkOptions): AsyncGenerator<BulkLine> {
  const pending: BulkItem[] = [];
  for (const item of items) {
    const done = options.state.done.get(item.input);
    if (done)
      yield { input: item.input, line: item.line, transcriptSid: done.transcriptSid, outcome: done.outcome, error: null, fromState: true };
    else pending.push(item);
  }
  yield* mapPool(pending, options.concurrency, options.signal, async (item): Promise<BulkLine> => {
    try {
      const { outcome, transcript } = await transcribeItem(client, item, options);
      const transcriptSid = String(transcript.sid);
      await options.state.record(item.input, { transcriptSid, outcome });
      return { input: item.input, line: item.line, transcriptSid, outcome, error: null };
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      return { input: item.input, line: item.line, transcriptSid: null, outcome: 'failed', error: errorText(toCliError(error)) };
    }
  });
}

async function transcribeItem(
  client: Twilio,
  item: BulkItem,
  options: BulkOptions,
): Promise<{ outcome: 'created' | 'exists'; transcript: Row }> {
  const startedAt = options.now();
  let mayExist = false;
  for (let attempt = 1; ; attempt++) {
    try {
      // After a create that may have been applied, look before sending it again: adopt ours, never make a second.
      const ours = mayExist ? await findOwnCreate(client, item, options.serviceSid, startedAt) : undefined;
      if (ours) return { outcome: 'created', transcript: ours };
      const { outcome, transcript } = await transcribe(client, {
        serviceSid: options.serviceSid,
        source: item.source,
        customerKey: item.customerKey,
        createFirst: true,
      });
      return { outcome: outcome === 'exists' ? 'exists' : 'created', transcript };
    } catch (error) {
      if (error instanceof InterruptedError || !isTransient(error) || attempt >= ITEM_ATTEMPTS) throw error;
      mayExist ||= mayHaveApplied(error);
      await sleep(retryDelayMs(attempt, DEFAULT_RETRY_POLICY), options.signal);
    }
  }
}

/** The transcript our earlier attempt made: by recording SID, or for a media URL the same service, URL and customer key, made recently. */
async function findOwnCreate(client: Twilio, item: BulkItem, serviceSid: string, startedAt: Date): Promise<Row | undefined> {
  if ('recordingSid' in item.source) return findTranscriptOfRecording(client, item.source.recordingSid);
  const mediaUrl = item.source.mediaUrl;
  const afterDateCreated = new Date(startedAt.getTime() - ADOPT_WINDOW_MS).toISOString();
  for await (const row of listTranscripts(client, { serviceSid, afterDateCreated }, { customerKey: item.customerKey })) {
    const channel = row.channel as { media_properties?: { media_url?: string } } | null;
    if (channel?.media_properties?.media_url === mediaUrl) return row;
  }
  return undefined;
}

function isTransient(error: unknown): boolean {
  const status = httpStatusOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  return (
    error instanceof UncertainWriteError ||
    status === 429 ||
    (status !== undefined && status >= 500) ||
    (typeof code === 'string' && NETWORK_CODES.has(code))
  );
}

/** A 5xx or a dropped connection after sending: the create may have happened. */
function mayHaveApplied(error: unknown): boolean {
  const status = httpStatusOf(error);
  return error instanceof UncertainWriteError || (status !== undefined && status >= 500);
}

export interface ResultsLine {
  transcriptSid: string;
  status: string;
  operatorResults: unknown[];
  error?: string;
}

/** --wait: waits for every transcript (same pool size), one line each with its results; failures carry the reason. */
export function waitForAll(
  client: Twilio,
  sids: readonly string[],
  concurrency: number,
  wait: Omit<WaitOptions, 'onStatus'>,
): AsyncGenerator<ResultsLine> {
  return mapPool(sids, concurrency, wait.signal, async (sid): Promise<ResultsLine> => {
    try {
      const transcript = await waitForTranscript(client, sid, wait);
      return { transcriptSid: sid, status: String(transcript.status), operatorResults: await listOperatorResults(client, sid) };
    } catch (error) {
      if (!(error instanceof WaitError)) throw error;
      const { status } = await fetchTranscript(client, sid); // failed, canceled, or still going after the timeout
      return { transcriptSid: sid, status: String(status), operatorResults: [], error: error.message };
    }
  });
}
