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
