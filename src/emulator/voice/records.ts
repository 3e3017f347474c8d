// Voice v2 Transcription Configurations and Voice v3 Transcriptions as stored: each in its API's own shape
// (the configuration in Voice v2's snake_case envelope around a camelCase `configuration`).
import type { Collection, Store } from '../store.js';

export const PARTICIPANT_ROLES = ['CUSTOMER', 'HUMAN_AGENT', 'AI_AGENT'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export interface ParticipantDefault {
  audioChannelIndex: number;
  type: ParticipantRole;
}

export interface TranscriptionSettings {
  configurationType: 'Transcription';
  transcriptionEngine: string;
  speechModel?: string | null;
  language: string;
  transcriptionStatusCallback?: { url?: string | null; method?: 'POST' | null };
  conversationConfigurationId?: string | null;
  participantDefaults: ParticipantDefault[];
}

/** Voice v2 `/v2/Configurations/Transcription/{IdOrUniqueName}`; `sid` is its `id`. */
export interface TranscriptionConfigurationRecord {
  sid: string;
  account_sid: string;
  unique_name: string | null;
  description: string | null;
  date_created: string;
  date_updated: string;
  configuration: TranscriptionSettings;
}

export const TRANSCRIPTION_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type TranscriptionStatus = (typeof TRANSCRIPTION_STATUSES)[number];

export interface TranscriptionParticipant {
  audioChannelIndex: number;
  type: ParticipantRole;
  address?: string;
  name?: string;
}

/** Voice v3 `/v3/Transcriptions/{transcriptionId}`; `sid` is its `id`. URLs are added when it is shown. */
export interface TranscriptionRecord {
  sid: string;
  accountId: string;
  status: TranscriptionStatus;
  transcriptionConfigurationId: string;
  mediaUrl: string | null;
  sourceId: string | null;
  audioStartedAt: string;
  conversationId: string | null;
  participants: TranscriptionParticipant[];
  duration: number | null;
  /** The configuration as it was when the transcription was created. */
  resolvedConfiguration: Omit<TranscriptionSettings, 'configurationType'>;
  createdAt: string;
  updatedAt: string;
  /** The create's Idempotency-Key, if it had one: the same key answers with this transcription again. */
  idempotencyKey?: string;
}

export const transcriptionConfigurationsIn = (store: Store): Collection<TranscriptionConfigurationRecord> =>
  store.collection<TranscriptionConfigurationRecord>('voice-v2.transcription-configurations');

export const transcriptionsIn = (store: Store): Collection<TranscriptionRecord> =>
  store.collection<TranscriptionRecord>('voice-v3.transcriptions');

/** Second precision, as Twilio's examples. */
export const isoNow = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
