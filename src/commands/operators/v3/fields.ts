import type { Column } from '../../../lib/output/types.js';

const prettyJson = (value: unknown, _row: unknown, tty: boolean) =>
  value === null || value === undefined ? '' : JSON.stringify(value, null, tty ? 2 : undefined);

export const V3_OPERATOR_LIST_COLUMNS: Column[] = [
  { key: 'id', header: 'ID' },
  { key: 'displayName' },
  { key: 'author' },
  { key: 'outputFormat' },
  { key: 'version' },
  { key: 'description' },
];

export const V3_OPERATOR_DETAIL_COLUMNS: Column[] = [
  { key: 'id', header: 'ID' },
  { key: 'displayName' },
  { key: 'description' },
  { key: 'author' },
  { key: 'version' },
  { key: 'status' },
  { key: 'outputFormat' },
  { key: 'prompt' },
  { key: 'parameters', format: prettyJson },
  { key: 'outputSchema', format: prettyJson },
  { key: 'trainingExamples', format: prettyJson },
  { key: 'context', format: prettyJson },
];

export const V3_VERSION_COLUMNS: Column[] = [
  { key: 'version' },
  { key: 'status' },
  { key: 'dateCreated' },
  { key: 'dateDeprecated' },
  { key: 'retirementDate' },
  { key: 'dateRetired' },
  { key: 'displayName' },
];
