// What a transcript holds once completed: sentences, media, operator results, and their "encrypted" locations.
import { maskDeep, maskEntities, type OperatorResultRecord } from '../engine/index.js';
import { notFound } from '../errors.js';
import type { Entry } from '../store.js';
import { paginate } from '../paging.js';
import { optionalBoolean } from '../params.js';
import type { RequestContext, Route } from '../router.js';
import { analysesIn, roleOf, type AnalysisRecord, type TranscriptRecord } from '../transcripts/records.js';
import { transcriptFromPath } from './transcripts.js';

const MAX_SENTENCE_PAGE_SIZE = 5000;
/** Confidence the emulator reports: it recognised the words it was given, exactly. */
const CONFIDENCE = '1.0';

export const transcriptContentRoutes: Route[] = [
  { method: 'GET', pattern: '/v2/Transcripts/{TranscriptSid}/Sentences', handler: listSentences },
  { method: 'GET', pattern: '/v2/Transcripts/{Sid}/Media', handler: fetchMedia },
  { method: 'GET', pattern: '/v2/Transcripts/{TranscriptSid}/OperatorResults', handler: listOperatorResults },
  { method: 'GET', pattern: '/v2/Transcripts/{TranscriptSid}/OperatorResults/{OperatorSid}', handler: fetchOperatorResult },
  { method: 'GET', pattern: '/v2/Transcripts/{TranscriptSid}/Sentences/Encrypted', handler: encryptedSentences },
  { method: 'GET', pattern: '/v2/Transcripts/{TranscriptSid}/OperatorResults/Encrypted', handler: encryptedOperatorResults },
  // Where media_url and the encrypted locations point: like Twilio's pre-signed URLs, no credentials needed.
  { method: 'GET', pattern: '/emulator/transcripts/{TranscriptSid}/{File}', handler: transcriptFile, public: true },
];

/** Redacted (default true) masks entities, but only in transcripts of services with redaction on. */
function redacts(context: RequestContext, transcript: TranscriptRecord): boolean {
  return transcript.redaction && (optionalBoolean(context.query, 'Redacted') ?? true);
}

function analysisOf(context: RequestContext, transcript: TranscriptRecord): AnalysisRecord {
  return (
    analysesIn(context.store).get(transcript.sid) ?? { sid: transcript.sid, operators: [], utterances: [], sentence_sids: [], results: [] }
  );
}

function sentencesOf(analysis: AnalysisRecord, redacted: boolean, wordTimestamps: boolean) {
  return analysis.utterances.map((utterance, index) => {
    const text = redacted ? maskEntities(utterance.text) : utterance.text;
    return {
      media_channel: utterance.channel,
      sentence_index: index,
      start_time: String(utterance.start),
      end_time: String(utterance.end),
      transcript: text,
      sid: analysis.sentence_sids[index] ?? null,
      confidence: CONFIDENCE,
      words: wordTimestamps ? wordsOf(text, utterance.start, utterance.end) : null,
    };
  });
}

/** Word timings spread evenly over the utterance (the emulator has no audio to align). */
function wordsOf(text: string, start: number, end: number) {
  const words = text.split(/\s+/).filter(Boolean);
  const step = (end - start) / Math.max(1, words.length);
  return words.map((word, i) => ({
    word,
    start_time: String(Math.round((start + i * step) * 1000) / 1000),
    end_time: String(Math.round((start + (i + 1) * step) * 1000) / 1000),
    confidence: CONFIDENCE,
  }));
}

function listSentences(context: RequestContext) {
  const transcript = transcriptFromPath(context, 'TranscriptSid');
  const wordTimestamps = optionalBoolean(context.query, 'WordTimestamps') ?? false;
  const sentences = sentencesOf(analysisOf(context, transcript), redacts(context, transcript), wordTimestamps);
  const listUrl = `${context.origin}/v2/Transcripts/${transcript.sid}/Sentences`;
  const body = paginate(
    asEntries(sentences),
    { listUrl, query: context.query, key: 'sentences', maxPageSize: MAX_SENTENCE_PAGE_SIZE },
    (s) => s,
  );
  return { status: 200, body };
}

function fetchMedia(context: RequestContext) {
  const transcript = transcriptFromPath(context, 'Sid');
  const file = redacts(context, transcript) ? 'media-redacted.txt' : 'media.txt';
  return {
    status: 200,
    body: {
      account_sid: transcript.account_sid,
      media_url: fileUrl(context, transcript, file),
      service_sid: transcript.service_sid,
      sid: transcript.sid,
      url: `${context.origin}/v2/Transcripts/${transcript.sid}/Media`,
    },
  };
}

function resultsOf(context: RequestContext, transcript: TranscriptRecord, redacted: boolean) {
  const results = analysisOf(context, transcript).results;
  return (redacted ? maskDeep(results) : results).map((result) => renderResult(result, context.origin));
}

function renderResult(result: OperatorResultRecord, origin: string) {
  return { ...result, url: `${origin}/v2/Transcripts/${result.transcript_sid}/OperatorResults/${result.operator_sid}` };
}

function listOperatorResults(context: RequestContext) {
  const transcript = transcriptFromPath(context, 'TranscriptSid');
  const results = resultsOf(context, transcript, redacts(context, transcript));
  const listUrl = `${context.origin}/v2/Transcripts/${transcript.sid}/OperatorResults`;
  return { status: 200, body: paginate(asEntries(results), { listUrl, query: context.query, key: 'operator_results' }, (r) => r) };
}

function fetchOperatorResult(context: RequestContext) {
  const transcript = transcriptFromPath(context, 'TranscriptSid');
  const operatorSid = context.params.OperatorSid;
  const result = resultsOf(context, transcript, redacts(context, transcript)).find((r) => r.operator_sid === operatorSid);
  if (!result) throw notFound(`/v2/Transcripts/${transcript.sid}/OperatorResults/${operatorSid}`);
  return { status: 200, body: result };
}

function encryptedSentences(context: RequestContext) {
  const transcript = transcriptFromPath(context, 'TranscriptSid');
  const file = redacts(context, transcript) ? 'sentences-redacted.json' : 'sentences.json';
  const url = `${context.origin}/v2/Transcripts/${transcript.sid}/Sentences/Encrypted`;
  return { status: 200, body: { location: fileUrl(context, transcript, file), transcript_sid: transcript.sid, url } };
}

function encryptedOperatorResults(context: RequestContext) {
  const transcript = transcriptFromPath(context, 'TranscriptSid');
  const file = redacts(context, transcript) ? 'operator-results-redacted.json' : 'operator-results.json';
  const url = `${context.origin}/v2/Transcripts/${transcript.sid}/OperatorResults/Encrypted`;
  return { status: 200, body: { locations: [fileUrl(context, transcript, file)], transcript_sid: transcript.sid, url } };
}

function fileUrl(context: RequestContext, transcript: TranscriptRecord, file: string): string {
  return `${context.origin}/emulator/transcripts/${transcript.sid}/${file}`;
}

/**
 * The stored media and the "encrypted" payloads. The emulator has no audio: the media is the
 * conversation as text, one "Role: words" line per utterance. Nothing is really encrypted.
 */
function transcriptFile(context: RequestContext) {
  const transcript = transcriptFromPath(context, 'TranscriptSid');
  const file = context.params.File ?? '';
  const match = /^(media|sentences|operator-results)(-redacted)?\.(txt|json)$/.exec(file);
  if (!match || (match[1] === 'media') !== (match[3] === 'txt')) throw notFound(file);
  const redacted = Boolean(match[2]) && transcript.redaction;
  const analysis = analysisOf(context, transcript);
  if (match[1] === 'sentences') return { status: 200, body: sentencesOf(analysis, redacted, true) };
  if (match[1] === 'operator-results') return { status: 200, body: resultsOf(context, transcript, redacted) };
  const text = analysis.utterances.map((u) => `${roleOf(transcript, u.channel)}: ${redacted ? maskEntities(u.text) : u.text}\n`).join('');
  return { status: 200, text, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
}

function asEntries<T>(values: T[]): Entry<T>[] {
  return values.map((value, index) => ({ seq: index + 1, value }));
}
