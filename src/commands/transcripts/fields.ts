import type { Column } from '../../lib/output/types.js';

export const TRANSCRIPT_LIST_COLUMNS: Column[] = [
  { key: 'sid', header: 'SID' },
  { key: 'status' },
  { key: 'serviceSid', header: 'SERVICE' },
  { key: 'customerKey' },
  { key: 'languageCode', header: 'LANGUAGE' },
  { key: 'duration' },
  { key: 'dateCreated', header: 'CREATED' },
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
