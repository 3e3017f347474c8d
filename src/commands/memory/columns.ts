import type { Column } from '../../lib/output/types.js';

export const STORE_COLUMNS: Column[] = [
  { key: 'id', header: 'ID', id: true },
  { key: 'displayName' },
  { key: 'status' },
  { key: 'version' },
  { key: 'description' },
];
