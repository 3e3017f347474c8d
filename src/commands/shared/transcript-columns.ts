import type { Column } from '../../lib/output/types.js';

/** A transcript's fields, as show, wait and transcribe print it. */
export const TRANSCRIPT_COLUMNS: Column[] = [
  { key: 'sid', header: 'SID' },
  { key: 'status' },
  { key: 'serviceSid', header: 'SERVICE' },
  { key: 'customerKey' },
  { key: 'channel' },
  { key: 'languageCode' },
  { key: 'duration' },
  { key: 'mediaStartTime' },
  { key: 'redaction' },
  { key: 'dataLogging' },
  { key: 'encryptionCredentialSid' },
  { key: 'dateCreated' },
  { key: 'dateUpdated' },
  { key: 'url', header: 'URL' },
];
