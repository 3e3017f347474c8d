import type { Column, Row } from './types.js';

/** The API's timestamps carry no milliseconds; a terminal need not show `.000`. */
const WHOLE_SECOND = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.000Z$/;

const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/**
 * A cell as text: empty for null, ISO for dates, compact JSON for structures; on a terminal a list
 * of plain values is one per line (a show view lists them under each other, a table on one line).
 */
export function cellText(value: unknown, tty = false): string {
  if (value === null || value === undefined) return '';
  if (tty && Array.isArray(value) && value.length && value.every(isScalar)) return value.map((item) => cellText(item, tty)).join('\n');
  if (value instanceof Date) return tty ? value.toISOString().replace(WHOLE_SECOND, '$1Z') : value.toISOString();
  if (typeof value === 'string') return tty ? value.replace(WHOLE_SECOND, '$1Z') : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

export function columnText(column: Column, row: Row, tty: boolean): string {
  const value = row[column.key];
  return column.format ? column.format(value, row, tty) : cellText(value, tty);
}

const TSV_NAMED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * TSV cells stay on one line and one column, and drive no terminal: backslash, tab and line breaks
 * are escaped by name, every other control character as \xHH (reversible, since \ is escaped too).
 */
export function tsvEscape(text: string): string {
  return text.replace(/[\\\x00-\x1f\x7f-\x9f]/g, (char) => TSV_NAMED[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function tsvLine(columns: Column[], row: Row): string {
  return columns.map((c) => tsvEscape(columnText(c, row, false))).join('\t');
}

export function tsvHeader(columns: Column[]): string {
  return columns.map((c) => tsvEscape(headerText(c))).join('\t');
}

/** SDK instances carry Date objects and hidden internals; this gives the JSON the API meant. */
export function toPlain<T = Row>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function headerText(column: Column): string {
  return column.header ?? column.key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toUpperCase();
}
