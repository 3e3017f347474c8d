// How far a list goes: every list stops at the same default unless --all, and says so when it stopped.
import type { Row } from './types.js';

/** Rows a list shows without --limit or --all: one number for every list, as gh has. */
export const DEFAULT_LIST_LIMIT = 50;

/** What a list verb reads to show `shown` rows: one more, so the output knows whether the listing went on. */
export function rowsToRead(shown: number): number {
  return shown + 1;
}

/** The rows a list shows for what its verb was told to read (the inverse of rowsToRead); all when not bounded. */
export function rowsShown(read: number | undefined): number {
  return read === undefined ? Infinity : read - 1;
}

/** The rows of a listing up to `shown`; `onMore` is called, and reading stops, when there is another one. */
export async function* upTo(rows: AsyncIterable<Row> | Iterable<Row>, shown: number, onMore: () => void): AsyncGenerator<Row> {
  let count = 0;
  for await (const row of rows) {
    if (count++ >= shown) return onMore();
    yield row;
  }
}

/** The stderr line of a list that stopped at its limit. */
export function limitNote(shown: number): string {
  return `showing ${shown}; --all for all\n`;
}
