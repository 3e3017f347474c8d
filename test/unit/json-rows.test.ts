import { describe, expect, it } from 'vitest';
import { BATCH_ROWS, jsonBatches, joinedJson } from '../../src/lib/output/json-rows.js';

const perRow = (rows: object[], separator: string) => rows.map((row) => JSON.stringify(row)).join(separator);

describe('joinedJson', () => {
  it('gives the bytes of JSON.stringify per row, whatever the rows hold', () => {
    const rows = [
      { sid: 'GT1', text: 'tab\there, "quoted", \u00e9\u{1f600} and \u0007', nested: { list: [1, { a: null }], empty: [] } },
      { sid: 'GT2', count: 0, ok: false, date: '2026-01-01T00:00:00.000Z' },
      { sid: 'GT3', separatorLookalike: '},{', comma: ',' },
    ];
    for (const separator of ['\n', ',\n  ']) {
      expect(joinedJson(rows, separator)).toBe(perRow(rows, separator));
      expect(joinedJson(rows.slice(0, 1), separator)).toBe(perRow(rows.slice(0, 1), separator));
      expect(joinedJson([], separator)).toBe('');
    }
  });

  // The rows of a batch are told apart by a mark between them; a row that holds the mark itself must not split.
  it('stays exact when a row holds the text that marks the breaks between rows', () => {
    const mark = '\u0000ci:row-break';
    const rows = [{ sid: 'GT1', tricky: ['a', mark, 'b'] }, { sid: 'GT2', key: mark }, { [mark]: mark }];
    expect(joinedJson(rows, '\n')).toBe(perRow(rows, '\n'));
  });
});

describe('jsonBatches', () => {
  it('cuts a page into batches of BATCH_ROWS rows that join back into the page', () => {
    const rows = Array.from({ length: 2 * BATCH_ROWS + 5 }, (_, i) => ({ sid: `GT${i}` }));
    const batches = jsonBatches(rows, '\n');
    expect(batches.map((batch) => batch.size)).toEqual([BATCH_ROWS, BATCH_ROWS, 5]);
    expect(batches.map((batch) => batch.text).join('\n')).toBe(perRow(rows, '\n'));
  });
});
