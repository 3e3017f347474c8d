// A list's rows as JSON: NDJSON lines or one indented array, written a batch of rows at a time. A batch is
// serialised by one JSON.stringify (a call per row costs about twice as much as one per batch), its rows told
// apart by a mark between them that is then replaced: the bytes are those of JSON.stringify per row.

/** How a list's rows are laid out: what opens and closes the output, and what goes around and between rows. */
export interface JsonLayout {
  open: string;
  /** Before a batch of rows: the first batch of a listing, or a later one. */
  before: (first: boolean) => string;
  between: string;
  /** After a batch of rows. */
  after: string;
  close: (count: number) => string;
}

/** One JSON object per line. */
export const NDJSON: JsonLayout = { open: '', before: () => '', between: '\n', after: '\n', close: () => '' };

/** One array, a row per indented line (the layout of JSON.stringify(rows, null, 2) at its top level). */
export const JSON_ARRAY: JsonLayout = {
  open: '[',
  before: (first) => (first ? '\n  ' : ',\n  '),
  between: ',\n  ',
  after: '',
  close: (count) => (count ? '\n]\n' : ']\n'),
};

/** Rows per JSON.stringify: enough to spread its cost, few enough that the text stays a young, short-lived string. */
export const BATCH_ROWS = 64;

/** Stands between two rows in a batch; a row holding it itself is found by counting (and its batch made row by row). */
const MARK = '\u0000ci:row-break';
const MARK_JSON = `,${JSON.stringify(MARK)},`;

/** The JSON of each row, joined by `separator`: what rows.map(JSON.stringify).join(separator) gives. */
export function joinedJson(rows: readonly object[], separator: string): string {
  const [only] = rows;
  if (rows.length === 1 && only) return JSON.stringify(only);
  const marked: unknown[] = [];
  for (const row of rows) {
    if (marked.length) marked.push(MARK);
    marked.push(row);
  }
  const text = JSON.stringify(marked);
  if (occurrences(text, MARK_JSON) !== rows.length - 1) return rows.map((row) => JSON.stringify(row)).join(separator);
  return text.slice(1, -1).replaceAll(MARK_JSON, separator);
}

/** A page's rows as JSON texts of up to BATCH_ROWS rows each, their rows joined by `separator`. */
export function jsonBatches(rows: readonly object[], separator: string): { text: string; size: number }[] {
  const batches: { text: string; size: number }[] = [];
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    batches.push({ text: joinedJson(batch, separator), size: batch.length });
  }
  return batches;
}

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) count++;
  return count;
}
