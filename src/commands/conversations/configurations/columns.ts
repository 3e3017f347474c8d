import type { Column } from '../../../lib/output/types.js';

export const CONVERSATION_CONFIGURATION_COLUMNS: Column[] = [
  { key: 'id', header: 'ID', id: true },
  { key: 'displayName' },
  { key: 'intelligenceConfigurationIds', header: 'INTELLIGENCE', format: (value) => (Array.isArray(value) ? value.join(', ') : '') },
  { key: 'memoryStoreId', header: 'MEMORY STORE', id: true },
  { key: 'conversationGroupingType', header: 'GROUPING' },
  { key: 'version' },
  { key: 'description' },
];
