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
