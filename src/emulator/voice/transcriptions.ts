// Voice v3 Transcriptions: create (202, a long-running operation), fetch (the operation and its transcription), list.
// Errors answer in RFC 9457's problem body (see http.ts).
import type { RequestContext, Route, Reply } from '../router.js';
import { optionalString as queryString } from '../params.js';
import { allowOnly, fieldPath, optionalArray, optionalString, requireObject, requiredString, type JsonObject } from '../v3/body.js';
import { badRequest, invalidField, notFound } from '../v3/errors.js';
import { isId, newId } from '../v3/ids.js';
import { tokenPage } from '../v3/paging.js';
import { findConfiguration } from './configurations.js';
import {
  PARTICIPANT_ROLES,
  TRANSCRIPTION_STATUSES,
  isoNow,
  transcriptionsIn,
  type TranscriptionConfigurationRecord,
  type TranscriptionParticipant,
  type TranscriptionRecord,
} from './records.js';
import { startTranscription } from './worker.js';

const BASE = '/v3/Transcriptions';
const MAX_PAGE_SIZE = 100;
const MAX_IDEMPOTENCY_KEY = 128;
const RECORDING_SID = /^RE[0-9a-f]{32}$/;

export const voiceTranscriptionRoutes: Route[] = [
  { method: 'POST', pattern: BASE, handler: create },
  { method: 'GET', pattern: BASE, handler: list },
  { method: 'GET', pattern: `${BASE}/{transcriptionId}`, handler: fetchOne },
];

function create(context: RequestContext): Reply {
  const idempotencyKey = idempotencyKeyOf(context);
  const earlier =
    idempotencyKey === undefined
      ? undefined
      : transcriptionsIn(context.store)
          .index('idempotencyKey', (value) => value.idempotencyKey)
          .lookup(idempotencyKey)[0]?.value;
  const record = earlier ?? createRecord(context, idempotencyKey);
  if (!earlier) startTranscription(context, record.sid);
  const shown = render(record, context.origin);
  return {
    status: 202,
    body: { status: record.status, statusUrl: shown.url, transcription: shown },
    headers: {
      'Operation-Id': record.sid,
      Location: shown.url,
      'Retry-After': String(retryAfterSeconds(context)),
      ...(idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey }),
    },
  };
}

function fetchOne(context: RequestContext): Reply {
  const id = context.params.transcriptionId ?? '';
  const record = isId('transcription', id) ? transcriptionsIn(context.store).get(id) : undefined;
  if (!record) throw notFound('Transcription', id);
  const shown = render(record, context.origin);
  const pending = record.status === 'PENDING' || record.status === 'RUNNING';
  return {
    status: 200,
    body: { operationId: record.sid, status: record.status, statusUrl: shown.url, transcription: shown },
    headers: pending ? { 'Retry-After': String(retryAfterSeconds(context)) } : {},
  };
}

function list(context: RequestContext): Reply {
  const { query } = context;
  const pageSize = queryString(query, 'pageSize');
  if (pageSize !== undefined && !(/^\d+$/.test(pageSize) && Number(pageSize) >= 1 && Number(pageSize) <= MAX_PAGE_SIZE)) {
    throw invalidField('pageSize', `'${pageSize}' is not an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  const matches = filterOf(query);
  const entries = transcriptionsIn(context.store)
    .entries()
    .filter((entry) => matches(entry.value));
  const page = tokenPage(entries, query, (record) => render(record, context.origin));
  return { status: 200, body: { transcriptions: page.items, meta: { ...page.meta, key: 'transcriptions' } } };
}

function filterOf(query: RequestContext['query']): (record: TranscriptionRecord) => boolean {
  const after = dateParam(query, 'createdAfter');
  const before = dateParam(query, 'createdBefore');
  const language = queryString(query, 'languageCode');
  const sourceId = queryString(query, 'sourceId');
  if (sourceId !== undefined && !RECORDING_SID.test(sourceId)) {
    throw invalidField('sourceId', `'${sourceId}' is not a Recording SID (RE and 32 lower-case hex digits)`);
  }
  const status = queryString(query, 'status');
  if (status !== undefined && !TRANSCRIPTION_STATUSES.some((known) => known === status)) {
    throw invalidField('status', `'${status}' is not one of ${TRANSCRIPTION_STATUSES.join(', ')}`);
  }
  return (record) => {
    const created = Date.parse(record.createdAt);
    return (
      (after === undefined || created >= after) &&
      (before === undefined || created < before) &&
      (language === undefined || record.resolvedConfiguration.language === language) &&
      (sourceId === undefined || record.sourceId === sourceId) &&
      (status === undefined || record.status === status)
    );
  };
}

function dateParam(query: RequestContext['query'], name: string): number | undefined {
  const value = queryString(query, name);
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw invalidField(name, `'${value}' is not an ISO 8601 date-time`);
  return time;
}

function idempotencyKeyOf(context: RequestContext): string | undefined {
  const key = context.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key === '' || key.length > MAX_IDEMPOTENCY_KEY) {
    throw badRequest(`The Idempotency-Key header must be one value of 1 to ${MAX_IDEMPOTENCY_KEY} characters`);
  }
  return key;
}

/** Seconds until the transcription should be done (at least 1), for Retry-After. */
function retryAfterSeconds(context: RequestContext): number {
  return Math.max(1, Math.ceil(context.transcriber.delayMs / 1000));
}

function createRecord(context: RequestContext, idempotencyKey: string | undefined): TranscriptionRecord {
  const body = requireObject(context.body, '');
  const inputSource = optionalString(body, 'inputSource', '', { oneOf: ['SOURCE_ID', 'MEDIA_URL'] });
  const fromMedia = inputSource === 'MEDIA_URL' || (inputSource === undefined && body.mediaUrl !== undefined);
  allowOnly(
    body,
    '',
    fromMedia
      ? ['transcriptionConfigurationId', 'inputSource', 'mediaUrl', 'audioStartedAt', 'participants']
      : ['transcriptionConfigurationId', 'inputSource', 'sourceId', 'participants'],
  );
  const configuration = configurationOf(context, body);
  const now = isoNow();
  const source = fromMedia ? mediaSource(body, now) : recordingSource(context, body, now);
  return transcriptionsIn(context.store).insert({
    sid: newId('transcription'),
    accountId: context.accountSid,
    status: 'PENDING',
    transcriptionConfigurationId: configuration.sid,
    ...source,
    conversationId: null,
    participants: readParticipants(body, configuration),
    duration: null,
    resolvedConfiguration: resolvedOf(configuration),
    createdAt: now,
    updatedAt: now,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  });
}

/** The configuration's settings as the transcription keeps them (its type discriminator aside). */
function resolvedOf({ configuration }: TranscriptionConfigurationRecord): TranscriptionRecord['resolvedConfiguration'] {
  return {
    transcriptionEngine: configuration.transcriptionEngine,
    ...(configuration.speechModel ? { speechModel: configuration.speechModel } : {}),
    language: configuration.language,
    ...(configuration.transcriptionStatusCallback ? { transcriptionStatusCallback: configuration.transcriptionStatusCallback } : {}),
    conversationConfigurationId: configuration.conversationConfigurationId ?? null,
    participantDefaults: configuration.participantDefaults,
  };
}

function configurationOf(context: RequestContext, body: JsonObject): TranscriptionConfigurationRecord {
  const id = requiredString(body, 'transcriptionConfigurationId', '');
  if (!isId('transcriptionConfiguration', id))
    throw invalidField('transcriptionConfigurationId', `'${id}' is not a transcription configuration ID`);
  const configuration = findConfiguration(context, id);
  if (!configuration) throw notFound('Transcription Configuration', id);
  return configuration;
}

type Source = Pick<TranscriptionRecord, 'mediaUrl' | 'sourceId' | 'audioStartedAt'>;

function recordingSource(context: RequestContext, body: JsonObject, now: string): Source {
  const sourceId = requiredString(body, 'sourceId', '', { maxLength: 64 });
  if (!context.transcriber.catalogue.get(sourceId)) throw notFound('Recording', sourceId);
  // The catalogue's recordings have no start time of their own: the emulator dates them when transcribed.
  return { sourceId, mediaUrl: null, audioStartedAt: now };
}

function mediaSource(body: JsonObject, now: string): Source {
  const mediaUrl = requiredString(body, 'mediaUrl', '');
  if (!URL.canParse(mediaUrl) || !/^https?:$/.test(new URL(mediaUrl).protocol)) throw invalidField('mediaUrl', 'expected an http(s) URL');
  const startedAt = optionalString(body, 'audioStartedAt', '');
  if (startedAt !== undefined && (Number.isNaN(Date.parse(startedAt)) || !/^\d{4}-\d{2}-\d{2}T/.test(startedAt))) {
    throw invalidField('audioStartedAt', `'${startedAt}' is not an ISO 8601 date-time`);
  }
  return {
    mediaUrl,
    sourceId: null,
    audioStartedAt: startedAt === undefined ? now : new Date(startedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** The participants given, completed from the configuration's defaults: one per audio channel. */
function readParticipants(body: JsonObject, configuration: TranscriptionConfigurationRecord): TranscriptionParticipant[] {
  const given = (optionalArray(body, 'participants', '', 2) ?? []).map((raw, index) => {
    const path = fieldPath('participants', index);
    const participant = requireObject(raw, path);
    allowOnly(participant, path, ['type', 'address', 'name', 'audioChannelIndex']);
    const channel = participant.audioChannelIndex;
    if (channel !== 1 && channel !== 2) throw invalidField(fieldPath(path, 'audioChannelIndex'), 'expected 1 or 2');
    const type = optionalString(participant, 'type', path, { oneOf: PARTICIPANT_ROLES });
    const address = optionalString(participant, 'address', path);
    const name = optionalString(participant, 'name', path);
    return {
      audioChannelIndex: channel,
      ...(type === undefined ? {} : { type: PARTICIPANT_ROLES.find((role) => role === type) }),
      ...(address === undefined ? {} : { address }),
      ...(name === undefined ? {} : { name }),
    };
  });
  if (given.length === 2 && given[0]?.audioChannelIndex === given[1]?.audioChannelIndex) {
    throw invalidField('participants', 'give each audio channel once');
  }
  return configuration.configuration.participantDefaults.map((fallback) => {
    const participant = given.find((one) => one.audioChannelIndex === fallback.audioChannelIndex);
    return { ...participant, audioChannelIndex: fallback.audioChannelIndex, type: participant?.type ?? fallback.type };
  });
}

function render(record: TranscriptionRecord, origin: string) {
  const { sid, idempotencyKey, resolvedConfiguration, ...rest } = record;
  void idempotencyKey; // the emulator's own bookkeeping, not part of the resource
  const { speechModel, conversationConfigurationId, transcriptionStatusCallback, ...settings } = resolvedConfiguration;
  const callbackUrl = transcriptionStatusCallback?.url;
  return {
    id: sid,
    ...rest,
    resolvedConfiguration: {
      ...settings,
      ...(speechModel ? { speechModel } : {}),
      ...(callbackUrl ? { transcriptionStatusCallback: { url: callbackUrl, method: 'POST', events: null } } : {}),
      conversationConfigurationId: conversationConfigurationId ?? null,
    },
    url: `${origin}${BASE}/${sid}`,
    ...(record.conversationId === null ? {} : { links: { conversation: `${origin}/v2/Conversations/${record.conversationId}` } }),
  };
}
