import type { Column } from '../../lib/output/types.js';

/** List columns in priority order (identity, state, the rest): a narrow terminal drops from the end. */
export const TRANSCRIPT_LIST_COLUMNS: Column[] = [
  { key: 'sid', header: 'SID', id: true },
  { key: 'status' },
  { key: 'languageCode', header: 'LANGUAGE' },
  { key: 'dateCreated', header: 'CREATED' },
  { key: 'duration' },
  { key: 'customerKey' },
  { key: 'serviceSid', header: 'SERVICE', id: true },
];

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
