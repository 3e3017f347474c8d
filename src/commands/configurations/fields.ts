import type { Column } from '../../lib/output/types.js';

export const CONFIGURATION_COLUMNS: Column[] = [
  { key: 'id', header: 'ID' },
  { key: 'displayName' },
  { key: 'version' },
  { key: 'rules', format: (value) => String(Array.isArray(value) ? value.length : 0) },
  { key: 'description' },
  { key: 'dateUpdated' },
];
