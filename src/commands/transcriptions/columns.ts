import type { Column } from '../../lib/output/types.js';

/** A Voice v3 transcription, as show, list and transcribe print it. */
export const TRANSCRIPTION_COLUMNS: Column[] = [
  { key: 'id', header: 'ID' },
  { key: 'status' },
  { key: 'sourceId', header: 'SOURCE' },
  { key: 'mediaUrl', header: 'MEDIA URL' },
  { key: 'conversationId', header: 'CONVERSATION' },
  { key: 'transcriptionConfigurationId', header: 'CONFIGURATION' },
  { key: 'duration' },
  { key: 'createdAt' },
];

/** A Voice v2 transcription configuration. */
export const CONFIGURATION_COLUMNS: Column[] = [
  { key: 'id', header: 'ID' },
  { key: 'uniqueName' },
  { key: 'description' },
  { key: 'configuration' },
  { key: 'dateCreated' },
  { key: 'dateUpdated' },
];
