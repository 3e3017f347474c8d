// Bulk ingestion: a worker pool over parsed input lines that loses nothing and creates nothing twice. The core
// (ingestAll) is the same for every kind of input; what one input makes is a BulkIngest: classic transcripts
// here (transcribeAll), Voice v3 transcriptions in transcriptions-bulk.ts.
import type { Twilio } from 'twilio';
import type { BulkItem } from './bulk-input.js';
import type { BulkState } from './bulk-state.js';
import { UncertainWriteError } from './client.js';
import { CliError, ExitCode, InterruptedError, NETWORK_CODES, WaitError, errorText, httpStatusOf, toCliError } from './errors.js';
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
import { isRecord } from './rows.js';
import { codeOf } from './thrown.js';

export type BulkOutcome = 'created' | 'exists' | 'failed';

/** One NDJSON line per input. */
export interface BulkLine {
  input: string;
  line: number;
  transcriptSid: string | null;
  outcome: BulkOutcome;
  error: string | null;
  /** Settled from the state file or by looking up what a crashed run sent: this run sent nothing for it. */
  resumed?: true;
}

/** What the core yields per input: `id` is what the input made (a transcript SID, a transcription ID). */
export interface IngestLine {
  input: string;
  line: number;
  id: string | null;
  outcome: BulkOutcome;
  error: string | null;
  /** What `finish` reported (e.g. the conversation a transcription went into). */
  details?: Record<string, string | null>;
  resumed?: true;
}

/** What the core needs of an input: its identity (in output and state file) and where it is in the input. */
export interface BulkKey {
  input: string;
  line: number;
}

/** What one input makes, through the API. The core adds the pool, retries, the state file and the lookups. */
export interface BulkIngest<I extends BulkKey = BulkItem> {
  /** Makes what the item asks for, once (or finds it made already: 'exists'); retried by the core on transient failures. */
  create(item: I): Promise<{ outcome: 'created' | 'exists'; id: string }>;
  /** What of ours may exist already (a crashed run, an uncertain create), by input, made since about `since`. */
  lookUp(items: readonly I[], since: Date): Promise<Map<string, string>>;
  /** Once the thing exists (made or found): e.g. wait for it and close its conversation; its details go on the line. */
  finish?(id: string, item: I): Promise<Record<string, string | null>>;
}

export interface IngestOptions {
  concurrency: number;
  signal: AbortSignal;
  state: BulkState;
  now: () => Date;
}

export interface BulkOptions extends IngestOptions {
  serviceSid: string;
}

/** Attempts per item on transient failures (429/5xx/network), on top of the client's own retries. */
export const ITEM_ATTEMPTS = 5;
/** How far back a create of ours may be dated when we look for it (clock skew, second precision). */
export const ADOPT_WINDOW_MS = 5 * 60_000;
/** Intents are made durable this many pool slots ahead, so workers rarely wait for a write. */
const INTENTS_AHEAD_PER_WORKER = 4;
/** The most inputs one group of intents may hold (a crash leaves at most two groups to look up). */
const MAX_GROUP = 1024;

/** Classic transcripts of every item, one line each as it finishes (see ingestAll). */
export async function* transcribeAll(client: Twilio, items: readonly BulkItem[], options: BulkOptions): AsyncGenerator<BulkLine> {
  for await (const line of ingestAll(items, transcriptIngest(client, options), options)) {
    const { input, line: number, id, outcome, error, resumed } = line;
    yield { input, line: number, transcriptSid: id, outcome, error, ...(resumed ? { resumed } : {}) };
  }
}

/**
 * Ingests every item, yielding a line as each finishes: first what the state file has done, then what a
 * crashed run left in flight and a lookup finds, then the rest through the pool, each marked in flight first.
 */
export async function* ingestAll<I extends BulkKey>(
  items: readonly I[],
  ingest: BulkIngest<I>,
  options: IngestOptions,
): AsyncGenerator<IngestLine> {
  const { state } = options;
  let known = 0;
  for (const item of items) {
    const done = state.done.get(item.input);
    if (done) {
      known++;
      yield resumedLine(item, done.transcriptSid);
    }
  }
  const leftInFlight = items.filter((item) => !state.done.has(item.input) && state.inFlight.has(item.input));
  const since = new Date(
    leftInFlight.reduce(
      (earliest, item) => Math.min(earliest, state.inFlight.get(item.input)?.getTime() ?? earliest),
      options.now().getTime(),
    ),
  );
  const found = leftInFlight.length ? await ingest.lookUp(leftInFlight, since) : new Map<string, string>();
  const adopted = leftInFlight.flatMap((item) => {
    const id = found.get(item.input);
    return id === undefined ? [] : [{ item, id }];
  });
  if (ingest.finish) {
    // Found, but a crash may have come before its finishing step: finish it now (through the pool, as new ones).
    for await (const line of mapPool(adopted, options.concurrency, options.signal, ({ item, id }) =>
      finishFound(ingest, item, id, options),
    )) {
      known++;
      yield line;
    }
  } else {
    for (const { item, id } of adopted) {
      state.recordDone(item.input, { transcriptSid: id, outcome: 'exists' });
      known++;
      yield resumedLine(item, id);
    }
  }
  const pending = items.filter((item) => !state.done.has(item.input) && !found.has(item.input));
  const intake = markedAhead(pending, state, options.concurrency * INTENTS_AHEAD_PER_WORKER);
  try {
    for await (const line of mapPool(intake, options.concurrency, options.signal, (item) => settle(ingest, item, options))) {
      known++;
      yield line;
    }
    await state.flush();
  } catch (error) {
    if (state.failure === undefined) throw error;
  }
  if (state.failure !== undefined) throw checkpointFailed(state, known, items.length - known);
}

function resumedLine(item: BulkKey, id: string): IngestLine {
  return { input: item.input, line: item.line, id, outcome: 'exists', error: null, resumed: true };
}

/** One input through the API; its outcome goes to the journal without anyone waiting for the write. */
async function settle<I extends BulkKey>(ingest: BulkIngest<I>, item: I, options: IngestOptions): Promise<IngestLine> {
  let id: string | null = null;
  try {
    const made = await createItem(ingest, item, options);
    id = made.id;
    const details = ingest.finish ? await ingest.finish(id, item) : undefined;
    options.state.recordDone(item.input, { transcriptSid: id, outcome: made.outcome });
    return { input: item.input, line: item.line, id, outcome: made.outcome, error: null, ...(details ? { details } : {}) };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    const cliError = toCliError(error);
    // The API refused the create: nothing was made. (A failed finishing step leaves it in flight: a rerun finds it.)
    if (id === null && refused(cliError.status)) options.state.release([item.input]);
    return { input: item.input, line: item.line, id, outcome: 'failed', error: errorText(cliError) };
  }
}

/** An input a crashed run made: its finishing step, then it is done. */
async function finishFound<I extends BulkKey>(ingest: BulkIngest<I>, item: I, id: string, options: IngestOptions): Promise<IngestLine> {
  try {
    const details = ingest.finish ? await ingest.finish(id, item) : undefined;
    options.state.recordDone(item.input, { transcriptSid: id, outcome: 'exists' });
    return { ...resumedLine(item, id), ...(details ? { details } : {}) };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return { input: item.input, line: item.line, id, outcome: 'failed', error: errorText(toCliError(error)), resumed: true };
  }
}

const refused = (status: number | undefined) => status !== undefined && status >= 400 && status < 500;

/**
 * Hands out items only once their in-flight mark is on disk, and marks the next group while this one is
 * being sent (group commit), so a worker only waits when the disk is slower than the API; when it had to
 * wait, the next group is twice as large (up to MAX_GROUP). Marked items never handed out (the run stopped)
 * are released.
 */
async function* markedAhead<I extends BulkKey>(items: readonly I[], state: BulkState, firstGroupSize: number): AsyncGenerator<I> {
  let groupSize = firstGroupSize;
  let marked = 0;
  let handedOut = 0;
  const markNext = () => {
    const group = items.slice(marked, marked + groupSize);
    marked += group.length;
    const durable = group.length ? state.markInFlight(group.map((item) => item.input)) : Promise.resolve();
    const mark = { durable, onDisk: false };
    mark.durable.then(
      () => (mark.onDisk = true),
      () => undefined, // awaited below; meanwhile not an unhandled rejection
    );
    return mark;
  };
  let ahead = markNext();
  try {
    while (handedOut < items.length) {
      if (!ahead.onDisk && handedOut > 0) groupSize = Math.min(groupSize * 2, MAX_GROUP);
      await ahead.durable;
      const end = marked;
      ahead = markNext();
      while (handedOut < end) {
        if (state.failure !== undefined) return; // stop starting new inputs
        const item = items[handedOut++];
        if (item) yield item;
      }
    }
  } finally {
    state.release(items.slice(handedOut, marked).map((item) => item.input));
  }
}

function checkpointFailed(state: BulkState, known: number, notStarted: number): CliError {
  const reason = state.failure?.message;
  return new CliError(
    `could not write the state file ${state.path} (${reason}): stopped starting new inputs; the outcome of ${known} inputs is known (their lines above), ${notStarted} were not started`,
    ExitCode.failure,
    { hint: 'make it writable and run the same command again: inputs left in flight are looked up first, none is created twice' },
  );
}

/** The item's create, retried on transient failures; after one that may have been applied, adopt ours rather than make a second. */
async function createItem<I extends BulkKey>(
  ingest: BulkIngest<I>,
  item: I,
  options: IngestOptions,
): Promise<{ outcome: 'created' | 'exists'; id: string }> {
  const since = options.now();
  let mayExist = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const ours = mayExist ? (await ingest.lookUp([item], since)).get(item.input) : undefined;
      if (ours !== undefined) return { outcome: 'created', id: ours };
      return await ingest.create(item);
    } catch (error) {
      if (error instanceof InterruptedError || !isTransient(error) || attempt >= ITEM_ATTEMPTS) throw error;
      mayExist ||= mayHaveApplied(error);
      await sleep(retryDelayMs(attempt, DEFAULT_RETRY_POLICY), options.signal);
    }
  }
}

/** Classic transcripts in a service: one per recording, any number per media URL. */
function transcriptIngest(client: Twilio, options: BulkOptions): BulkIngest {
  return {
    async create(item) {
      const { outcome, transcript } = await transcribe(client, {
        serviceSid: options.serviceSid,
        source: item.source,
        customerKey: item.customerKey,
        createFirst: true,
      });
      return { outcome: outcome === 'exists' ? 'exists' : 'created', id: String(transcript.sid) };
    },
    async lookUp(items, since) {
      const found = await lookUp(client, items, { ...options, since });
      return new Map([...found].map(([input, row]) => [input, String(row.sid)]));
    },
  };
}

/**
 * The transcripts that may be ours, by input: a recording's by SourceSid (a recording has at most one);
 * a media URL's among the service's transcripts created since `since` (minus the window) with the same URL
 * and customer key. The list API has no media-URL filter, so one listing serves every media input.
 */
async function lookUp(
  client: Twilio,
  items: readonly BulkItem[],
  options: Pick<BulkOptions, 'serviceSid' | 'concurrency' | 'signal'> & { since: Date },
): Promise<Map<string, Row>> {
  const found = new Map<string, Row>();
  const recordings = items.flatMap((item) => ('recordingSid' in item.source ? [{ input: item.input, sid: item.source.recordingSid }] : []));
  const bySource = mapPool(recordings, options.concurrency, options.signal, async (recording) => ({
    input: recording.input,
    transcript: await findTranscriptOfRecording(client, recording.sid),
  }));
  for await (const { input, transcript } of bySource) if (transcript) found.set(input, transcript);
  const media = new Map(
    items.flatMap((item) => ('mediaUrl' in item.source ? [[mediaKey(item.source.mediaUrl, item.customerKey), item.input]] : [])),
  );
  if (media.size === 0) return found;
  const afterDateCreated = new Date(options.since.getTime() - ADOPT_WINDOW_MS).toISOString();
  for await (const row of listTranscripts(client, { serviceSid: options.serviceSid, afterDateCreated })) {
    const properties = isRecord(row.channel) ? row.channel.media_properties : undefined;
    const input = media.get(mediaKey(isRecord(properties) ? properties.media_url : undefined, row.customerKey));
    if (input !== undefined && !found.has(input)) found.set(input, row);
  }
  return found;
}

const mediaKey = (mediaUrl: unknown, customerKey: unknown) => JSON.stringify([mediaUrl, customerKey ?? null]);

/** A failure worth trying again: a 429, a 5xx, a dropped connection, a write whose fate is unknown. */
export function isTransient(error: unknown): boolean {
  const status = httpStatusOf(error);
  const code = codeOf(error);
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
