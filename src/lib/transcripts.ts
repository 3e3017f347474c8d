// Transcripts over a Twilio client: create (idempotent per recording), list, wait, sentences, media. No IO but HTTP.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Twilio } from 'twilio';
import { UncertainWriteError } from './client.js';
import { ApiError, NotFoundError, UsageError, WaitError, httpStatusOf, toCliError } from './errors.js';
import { toPlain } from './output/format.js';
import type { Row } from './output/types.js';
import { firstRow, streamListing, streamPages } from './paging.js';
import { messageOf } from './thrown.js';
import { isRecord, textOf } from './rows.js';
import { pollUntilDone, type Poll, type SignalledWait as WaitOptions } from './polling.js';

/** A participant of the `Channel` JSON, as the API spells it. */
export interface Participant {
  channel_participant: 1 | 2;
  [field: string]: string | number;
}

export type TranscriptSource = { recordingSid: string } | { mediaUrl: string };

export interface TranscribeRequest {
  serviceSid: string;
  source: TranscriptSource;
  /** Default for a recording: its CallSid, as the seed's Function sets it. */
  customerKey?: string;
  participants?: Participant[];
  mediaStartTime?: Date;
  /** Delete an existing transcript of the recording and create a new one. */
  force?: boolean;
  /** Skip the look before the create (a 409 still answers "exists"): bulk runs save a request per item. */
  createFirst?: boolean;
}

export type TranscribeOutcome = 'created' | 'exists' | 'recreated';

export interface Transcribed {
  outcome: TranscribeOutcome;
  transcript: Row;
  /** With `force`: the SID of the transcript deleted to make room. */
  deletedSid?: string;
}

/** Twilio's limit on CustomerKey, in characters. */
const CUSTOMER_KEY_MAX = 64;

/** Checked before any request, so a long key is a usage error (exit 2), not an API error. */
export function checkCustomerKey(key: string | undefined): void {
  if (key !== undefined && [...key].length > CUSTOMER_KEY_MAX) {
    throw new UsageError(`the customer key must be at most ${CUSTOMER_KEY_MAX} characters (got ${[...key].length})`);
  }
}

/** Twilio allows one transcript per recording; a second create for it is refused with 409. */
const CONFLICT = 409;

/**
 * Creates a transcript, or returns the one the recording already has ("exists"); with `force`
 * the existing one is deleted first ("recreated"). Used by `ci transcribe`, `ci serve` and bulk runs.
 */
export async function transcribe(client: Twilio, request: TranscribeRequest): Promise<Transcribed> {
  checkCustomerKey(request.customerKey);
  const recordingSid = 'recordingSid' in request.source ? request.source.recordingSid : undefined;
  let outcome: TranscribeOutcome = 'created';
  let deletedSid: string | undefined;
  if (recordingSid && !request.createFirst) {
    const existing = await findTranscriptOfRecording(client, recordingSid);
    if (existing && !request.force) return { outcome: 'exists', transcript: existing };
    if (existing) {
      deletedSid = textOf(existing, 'sid');
      await client.intelligence.v2.transcripts(deletedSid).remove();
      outcome = 'recreated';
    }
  }
  const customerKey = request.customerKey ?? (recordingSid ? await callSidOf(client, recordingSid) : undefined);
  const mediaProperties = 'mediaUrl' in request.source ? { media_url: request.source.mediaUrl } : { source_sid: recordingSid };
  try {
    const created = await client.intelligence.v2.transcripts.create({
      serviceSid: request.serviceSid,
      channel: { media_properties: mediaProperties, ...(request.participants?.length ? { participants: request.participants } : {}) },
      customerKey,
      mediaStartTime: request.mediaStartTime,
    });
    return { outcome, transcript: toPlain(created), deletedSid };
  } catch (error) {
    // The create may have landed though its answer was lost, or someone else transcribed the recording
    // between our look and our create: either way the recording's transcript is the answer.
    const mayExist = error instanceof UncertainWriteError || httpStatusOf(error) === CONFLICT;
    const existing = recordingSid && mayExist ? await findTranscriptOfRecording(client, recordingSid) : undefined;
    if (existing) return { outcome: error instanceof UncertainWriteError ? outcome : 'exists', transcript: existing, deletedSid };
    throw error;
  }
}

export async function findTranscriptOfRecording(client: Twilio, recordingSid: string): Promise<Row | undefined> {
  return firstRow(client.intelligence.v2.transcripts.page({ sourceSid: recordingSid, pageSize: 1 }));
}

/** The recording's CallSid through the Recording resource (api.v2010), exactly like the seed's Function. */
async function callSidOf(client: Twilio, recordingSid: string): Promise<string> {
  try {
    const recording = await client.api.v2010.account.recordings(recordingSid).fetch();
    return recording.callSid;
  } catch (error) {
    const cliError = toCliError(error, `recording ${recordingSid}`);
    if (cliError instanceof NotFoundError)
      throw new NotFoundError(`recording ${recordingSid} was not found in this account`, {
        code: cliError.code,
        moreInfo: cliError.moreInfo,
        hint: 'check the recording SID, and that the credentials are for the account that has it (`ci doctor` shows them)',
      });
    throw cliError;
  }
}

const PARTICIPANT_KEYS: Record<string, string> = {
  channel: 'channel_participant',
  role: 'role',
  name: 'full_name',
  id: 'user_id',
  email: 'email',
  'image-url': 'image_url',
  'media-participant-id': 'media_participant_id',
};

/** `channel=1,role=Agent,name=Ann,id=42` → a participant; at most two, one per channel. */
export function parseParticipants(specs: string[]): Participant[] {
  if (specs.length > 2) throw new UsageError('at most two --participant flags: a transcript has two channels');
  const participants = specs.map(parseParticipant);
  const [first, second] = participants;
  if (first && second && first.channel_participant === second.channel_participant) {
    throw new UsageError(`--participant: channel ${first.channel_participant} is given twice`);
  }
  return participants;
}

function parseParticipant(spec: string): Participant {
  const fields: Record<string, string | number> = {};
  for (const pair of spec.split(',')) {
    const [key = '', ...rest] = pair.split('=');
    const name = PARTICIPANT_KEYS[key.trim()];
    if (!name || rest.length === 0) {
      throw new UsageError(`--participant "${spec}": expected key=value pairs with keys ${Object.keys(PARTICIPANT_KEYS).join(', ')}`);
    }
    fields[name] = rest.join('=').trim();
  }
  const channel = Number(fields.channel_participant);
  if (channel !== 1 && channel !== 2) throw new UsageError(`--participant "${spec}": channel must be 1 or 2`);
  return { ...fields, channel_participant: channel };
}

export interface TranscriptFilters {
  serviceSid?: string;
  beforeStartTime?: string;
  afterStartTime?: string;
  beforeDateCreated?: string;
  afterDateCreated?: string;
  status?: string;
  languageCode?: string;
  sourceSid?: string;
}

/** Transcripts page by page; `customerKey` is not an API filter, so it is applied here, on each page. */
export function listTranscripts(
  client: Twilio,
  filters: TranscriptFilters,
  options: { limit?: number; customerKey?: string } = {},
): AsyncGenerator<Row> {
  const { limit = Infinity, customerKey } = options;
  const transcripts = client.intelligence.v2.transcripts;
  if (customerKey === undefined) return streamListing(transcripts, filters, limit);
  return withCustomerKey(streamListing(transcripts, filters), customerKey, limit);
}

async function* withCustomerKey(rows: AsyncIterable<Row>, customerKey: string, limit: number): AsyncGenerator<Row> {
  let yielded = 0;
  for await (const row of rows) {
    if (yielded >= limit) return;
    if (row.customerKey !== customerKey) continue;
    yielded++;
    yield row;
  }
}

export async function fetchTranscript(client: Twilio, sid: string): Promise<Row> {
  return toPlain(await client.intelligence.v2.transcripts(sid).fetch());
}

export async function deleteTranscript(client: Twilio, sid: string): Promise<void> {
  await client.intelligence.v2.transcripts(sid).remove();
}

/** Statuses a transcript never leaves, and that carry no results. */
export const ENDED_WITHOUT_RESULTS: ReadonlySet<string> = new Set(['failed', 'canceled', 'error']);

export type { SignalledWait as WaitOptions } from './polling.js';

/** Polls until completed. Failed, canceled or the timeout → WaitError (exit 5) that says how to resume. */
export async function waitForTranscript(client: Twilio, sid: string, options: WaitOptions): Promise<Row> {
  const look = async (): Promise<Poll<Row>> => {
    const transcript = await fetchTranscript(client, sid);
    const status = String(transcript.status);
    options.onStatus?.(status);
    if (ENDED_WITHOUT_RESULTS.has(status)) {
      throw new WaitError(`transcript ${sid} ended ${status}`, {
        hint: status === 'failed' ? 'the media could not be read; check the recording or media URL' : undefined,
      });
    }
    return status === 'completed' ? { done: true, value: transcript } : { done: false, status };
  };
  return pollUntilDone(look, options, (status) => {
    return new WaitError(`timed out waiting for transcript ${sid} (still ${status})`, { hint: `resume with: ci transcripts wait ${sid}` });
  });
}

export interface ContentOptions {
  /** Undefined: the API's default (redacted when the service redacts). */
  redacted?: boolean;
}

const MAX_SENTENCE_PAGE = 5000;

export function listSentences(client: Twilio, sid: string, options: ContentOptions & { wordTimestamps?: boolean }): AsyncGenerator<Row> {
  const page = client.intelligence.v2.transcripts(sid).sentences.page({
    redacted: options.redacted,
    wordTimestamps: options.wordTimestamps,
    pageSize: MAX_SENTENCE_PAGE,
  });
  return streamPages(page);
}

export async function fetchMedia(client: Twilio, sid: string, options: ContentOptions): Promise<Row> {
  return toPlain(await client.intelligence.v2.transcripts(sid).media().fetch({ redacted: options.redacted }));
}

/** Streams the media at `url` (a pre-signed URL: no credentials) into `file`; returns the bytes written. */
export async function downloadMedia(url: string, file: string, signal: AbortSignal): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    throw new ApiError(`could not download the media from ${url}: ${messageOf(error)}`, { cause: error });
  }
  if (!response.ok || !response.body) throw new ApiError(`could not download the media from ${url}: HTTP ${response.status}`);
  let bytes = 0;
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => (bytes += chunk.length));
  try {
    await pipeline(body, createWriteStream(file));
  } catch (error) {
    throw new UsageError(`--download: could not write ${file}: ${messageOf(error)}`, { cause: error });
  }
  return bytes;
}

/** The speaker of a channel: its participant's name and role, else Agent (1) / Customer (2) as Twilio defaults. */
export function speakerOf(transcript: Row, channel: number): string {
  const participants =
    isRecord(transcript.channel) && Array.isArray(transcript.channel.participants) ? transcript.channel.participants.filter(isRecord) : [];
  const participant = participants.find((p) => Number(p.channel_participant) === channel);
  const role = typeof participant?.role === 'string' ? participant.role : channel === 1 ? 'Agent' : 'Customer';
  return typeof participant?.full_name === 'string' ? `${participant.full_name} (${role})` : role;
}
