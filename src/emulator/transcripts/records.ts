import type { AnalysisOperator, OperatorResultRecord, Utterance } from '../engine/index.js';
import type { Entry, Store } from '../store.js';

export type TranscriptStatus = 'queued' | 'in-progress' | 'completed' | 'failed' | 'canceled';

export interface Participant {
  channel_participant: 1 | 2;
  role: string;
  [field: string]: unknown;
}

export interface TranscriptChannel {
  media_properties: { media_url?: string; source_sid?: string; [field: string]: unknown };
  participants: Participant[];
  [field: string]: unknown;
}

/** Stored form of a Transcript: the API representation minus `url` and `links`, which depend on the origin. */
export interface TranscriptRecord {
  account_sid: string;
  service_sid: string;
  sid: string;
  date_created: string;
  date_updated: string;
  status: TranscriptStatus;
  channel: TranscriptChannel;
  data_logging: boolean;
  language_code: string;
  customer_key: string | null;
  media_start_time: string | null;
  duration: number;
  redaction: boolean;
  encryption_credential_sid: string | null;
}

/** What the emulator keeps beside a transcript: its input and the analysis, keyed by the transcript SID. */
export interface AnalysisRecord {
  sid: string;
  /** Operators attached to the service when the transcript was created: later attachments do not apply. */
  operators: AnalysisOperator[];
  utterances: Utterance[];
  sentence_sids: string[];
  results: OperatorResultRecord[];
}

export const TRANSCRIPTS = 'transcripts';
const ANALYSES = 'transcript-analyses';

export const transcriptsIn = (store: Store) => store.collection<TranscriptRecord>(TRANSCRIPTS);
export const analysesIn = (store: Store) => store.collection<AnalysisRecord>(ANALYSES);

/** The transcripts reading a recording (at most one: one transcript per recording), from an index. */
export function transcriptsOfRecording(store: Store, recordingSid: string): Entry<TranscriptRecord>[] {
  return transcriptsIn(store).index('recording', recordingSidOf).lookup(recordingSid);
}

/** The media a transcript reads: media_url wins over source_sid, as Twilio documents. */
export function mediaSourceOf(transcript: TranscriptRecord): { mediaUrl: string } | { recordingSid: string } {
  const { media_url: mediaUrl, source_sid: recordingSid } = transcript.channel.media_properties;
  return mediaUrl ? { mediaUrl } : { recordingSid: recordingSid! };
}

/** The recording a transcript reads, if it reads one (with a media_url it does not): one transcript per recording. */
export function recordingSidOf(transcript: TranscriptRecord): string | undefined {
  const source = mediaSourceOf(transcript);
  return 'recordingSid' in source ? source.recordingSid : undefined;
}

/** The role of a channel's participant; channel 1 defaults to Agent and 2 to Customer. */
export function roleOf(transcript: TranscriptRecord, channel: number): string {
  return (
    transcript.channel.participants.find((participant) => participant.channel_participant === channel)?.role ??
    (channel === 1 ? 'Agent' : 'Customer')
  );
}

/** ISO 8601 UTC without milliseconds, the way Twilio writes dates. */
export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
