import type { Column, Row } from './types.js';

/** A cell as text: empty for null, ISO for dates, compact JSON for structures. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function columnText(column: Column, row: Row, tty: boolean): string {
  const value = row[column.key];
  return column.format ? column.format(value, row, tty) : cellText(value);
}

/** TSV cells stay on one line and one column: escape the characters that would break them. */
export function tsvEscape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** SDK instances carry Date objects and hidden internals; this gives the JSON the API meant. */
export function toPlain<T = Row>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function headerText(column: Column): string {
  return column.header ?? column.key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toUpperCase();
}
