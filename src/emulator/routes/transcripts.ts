import { badRequest, conflict, notFound } from '../errors.js';
import { paginate } from '../paging.js';
import { optionalString, requiredString, type ParamMap } from '../params.js';
import type { RequestContext, Route } from '../router.js';
import { isSid, newSid } from '../sid.js';
import {
  analysesIn,
  isoNow,
  transcriptsIn,
  transcriptsOfRecording,
  TRANSCRIPTS,
  type Participant,
  type TranscriptChannel,
  type TranscriptRecord,
} from '../transcripts/records.js';
import { operatorsAttachedTo } from '../transcripts/operators.js';
import { servicesIn } from '../services/record.js';

const CUSTOMER_KEY_MAX = 64;
/** The emulator's code for "this recording already has a transcript" (Twilio documents the rule, not the code). */
const TRANSCRIPT_EXISTS = 90110;

export const transcriptRoutes: Route[] = [
  { method: 'POST', pattern: '/v2/Transcripts', handler: createTranscript },
  { method: 'GET', pattern: '/v2/Transcripts', handler: listTranscripts },
  {
    method: 'GET',
    pattern: '/v2/Transcripts/{Sid}',
    handler: (context) => ({ status: 200, body: renderTranscript(transcriptFromPath(context, 'Sid'), context.origin) }),
  },
  { method: 'DELETE', pattern: '/v2/Transcripts/{Sid}', handler: deleteTranscript },
];

/** The transcript named by a path capture, or 404 (also for malformed SIDs, as Twilio does). */
export function transcriptFromPath(context: RequestContext, param: string): TranscriptRecord {
  const sid = context.params[param] ?? '';
  const transcript = isSid(sid, 'GT') ? transcriptsIn(context.store).get(sid) : undefined;
  if (!transcript) throw notFound(`/v2/Transcripts/${sid}`);
  return transcript;
}

/** The wire form, field by field (see renderService for why not a spread). */
function renderTranscript(transcript: TranscriptRecord, origin: string) {
  const url = `${origin}/v2/Transcripts/${transcript.sid}`;
  return {
    account_sid: transcript.account_sid,
    service_sid: transcript.service_sid,
    sid: transcript.sid,
    date_created: transcript.date_created,
    date_updated: transcript.date_updated,
    status: transcript.status,
    channel: transcript.channel,
    data_logging: transcript.data_logging,
    language_code: transcript.language_code,
    customer_key: transcript.customer_key,
    media_start_time: transcript.media_start_time,
    duration: transcript.duration,
    redaction: transcript.redaction,
    encryption_credential_sid: transcript.encryption_credential_sid,
    url,
    links: {
      sentences: `${url}/Sentences`,
      encrypted_sentences: `${url}/Sentences/Encrypted`,
      media: `${url}/Media`,
      operator_results: `${url}/OperatorResults`,
      encrypted_operator_results: `${url}/OperatorResults/Encrypted`,
    },
  } satisfies TranscriptRecord & { url: string; links: Record<string, string> };
}

function createTranscript(context: RequestContext) {
  const { form, store } = context;
  const serviceSid = requiredString(form, 'ServiceSid');
  const service = isSid(serviceSid, 'GA') ? servicesIn(context.store).get(serviceSid) : undefined;
  if (!service) throw notFound(`/v2/Services/${serviceSid}`);
  const channel = parseChannel(requiredString(form, 'Channel'));
  const customerKey = optionalString(form, 'CustomerKey');
  if (customerKey !== undefined && [...customerKey].length > CUSTOMER_KEY_MAX) {
    throw badRequest(`CustomerKey must be at most ${CUSTOMER_KEY_MAX} characters`);
  }
  const recordingSid = channel.media_properties.media_url ? undefined : channel.media_properties.source_sid;
  if (recordingSid) {
    const existing = transcriptsOfRecording(store, recordingSid)[0]?.value;
    if (existing)
      throw conflict(
        TRANSCRIPT_EXISTS,
        `Recording ${recordingSid} already has transcript ${existing.sid}; delete it to transcribe the recording again`,
      );
  }
  const now = isoNow();
  const transcript: TranscriptRecord = {
    account_sid: context.accountSid,
    service_sid: service.sid,
    sid: newSid('GT'),
    date_created: now,
    date_updated: now,
    status: 'queued',
    channel,
    data_logging: service.data_logging,
    language_code: (recordingSid && context.transcriber.catalogue.get(recordingSid)?.language_code) || service.language_code,
    customer_key: customerKey ?? null,
    media_start_time: mediaStartTime(form) ?? null,
    duration: 0,
    redaction: service.auto_redaction,
    encryption_credential_sid: service.encryption_credential_sid,
  };
  transcriptsIn(store).insert(transcript);
  analysesIn(store).insert({
    sid: transcript.sid,
    operators: operatorsAttachedTo(store, service.sid),
    utterances: [],
    sentence_sids: [],
    results: [],
  });
  context.transcriber.start(transcript.sid);
  return { status: 202, body: renderTranscript(transcript, context.origin) };
}

/** Channel: a JSON object with media_properties (media_url or source_sid) and at most two participants. */
function parseChannel(raw: string): TranscriptChannel {
  let channel: Partial<TranscriptChannel>;
  try {
    channel = JSON.parse(raw) as Partial<TranscriptChannel>;
  } catch {
    throw badRequest('Channel must be a JSON object');
  }
  if (typeof channel !== 'object' || channel === null || Array.isArray(channel)) throw badRequest('Channel must be a JSON object');
  const media = channel.media_properties;
  if (typeof media !== 'object' || media === null) throw badRequest('Channel.media_properties is required');
  const { media_url: mediaUrl, source_sid: sourceSid } = media;
  if (mediaUrl === undefined && sourceSid === undefined) throw badRequest('Channel.media_properties needs media_url or source_sid');
  if (mediaUrl !== undefined && !isHttpUrl(mediaUrl))
    throw badRequest(`Channel.media_properties.media_url '${String(mediaUrl)}' is not an http(s) URL`);
  if (sourceSid !== undefined && (typeof sourceSid !== 'string' || !/^RE[0-9a-fA-F]{32}$/.test(sourceSid))) {
    throw badRequest(`Channel.media_properties.source_sid '${String(sourceSid)}' is not a Recording SID`);
  }
  return { ...channel, media_properties: media, participants: parseParticipants(channel.participants) };
}

function parseParticipants(value: unknown): Participant[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 2) throw badRequest('Channel.participants must be an array of at most two participants');
  const seen = new Set<number>();
  return value.map((item: Record<string, unknown>) => {
    const channel = Number(item?.channel_participant);
    if (channel !== 1 && channel !== 2) throw badRequest('Channel.participants[].channel_participant must be 1 or 2');
    if (seen.has(channel)) throw badRequest(`Channel.participants: channel_participant ${channel} is given twice`);
    seen.add(channel);
    const role = typeof item.role === 'string' && item.role ? item.role : channel === 1 ? 'Agent' : 'Customer';
    return { ...item, channel_participant: channel, role };
  });
}

function isHttpUrl(value: unknown): boolean {
  try {
    return typeof value === 'string' && ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function mediaStartTime(form: ParamMap): string | undefined {
  const value = optionalString(form, 'MediaStartTime');
  return value === undefined ? undefined : parseDate(value, 'MediaStartTime');
}

function parseDate(value: string, name: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time))
    throw badRequest(`Invalid value '${value}' for ${name}: expected an ISO 8601 date-time`);
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function listTranscripts(context: RequestContext) {
  const { query } = context;
  const filters: Array<(t: TranscriptRecord) => boolean> = [];
  const equal = (name: string, field: (t: TranscriptRecord) => unknown) => {
    const value = optionalString(query, name);
    if (value !== undefined) filters.push((t) => field(t) === value);
  };
  const range = (name: string, field: (t: TranscriptRecord) => string | null, before: boolean) => {
    const value = optionalString(query, name);
    if (value === undefined) return;
    const bound = parseDate(value, name);
    filters.push((t) => {
      const date = field(t);
      return date !== null && (before ? date < bound : date > bound);
    });
  };
  equal('ServiceSid', (t) => t.service_sid);
  equal('Status', (t) => t.status);
  equal('LanguageCode', (t) => t.language_code);
  range('BeforeStartTime', (t) => t.media_start_time, true);
  range('AfterStartTime', (t) => t.media_start_time, false);
  range('BeforeDateCreated', (t) => t.date_created, true);
  range('AfterDateCreated', (t) => t.date_created, false);
  // SourceSid is answered from the recording index; the other filters are applied while the page is read.
  const sourceSid = optionalString(query, 'SourceSid');
  const entries = sourceSid === undefined ? transcriptsIn(context.store).entries() : transcriptsOfRecording(context.store, sourceSid);
  const body = paginate(
    entries,
    { listUrl: `${context.origin}/v2/Transcripts`, query, key: TRANSCRIPTS },
    (t) => renderTranscript(t, context.origin),
    (t) => filters.every((keep) => keep(t)),
  );
  return { status: 200, body };
}

function deleteTranscript(context: RequestContext) {
  const { sid } = transcriptFromPath(context, 'Sid');
  transcriptsIn(context.store).delete(sid);
  analysesIn(context.store).delete(sid);
  return { status: 204 };
}
