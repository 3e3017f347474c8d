import { listCommunications } from '../../lib/conversations-v2.js';
import type { Column } from '../../lib/output/types.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import type { communications } from './ingest-specs.js';

const field = (value: unknown, name: string): string => {
  const inner: unknown = typeof value === 'object' && value !== null ? Object.entries(value).find(([key]) => key === name)?.[1] : undefined;
  return typeof inner === 'string' ? inner : '';
};

const COLUMNS: Column[] = [
  { key: 'occurredAt', header: 'TIME' },
  { key: 'author', format: (value) => field(value, 'address') },
  { key: 'content', header: 'TYPE', format: (value) => field(value, 'type') },
  { key: 'text', header: 'TEXT' },
  { key: 'id', header: 'ID', id: true },
];

export const run: Run<typeof communications> = async (ctx, _options, id) => {
  onlyV3(ctx, 'conversations communications');
  const rows = (await listCommunications(await ctx.client(), id)).map((row) => ({ ...row, text: field(row.content, 'text') }));
  return { kind: 'list', rows, columns: COLUMNS };
};
