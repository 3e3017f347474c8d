// Reading the fields of rows the API answered (plain JSON objects), checked instead of cast.
import { MalformedAnswerError } from './errors.js';
import type { Row } from './output/types.js';

/** A plain object (a JSON object, a row), not an array or null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text field every such row has (sid, friendlyName, …); a row without it is a malformed answer. */
export function textOf(row: Row, key: string): string {
  const value = row[key];
  if (typeof value !== 'string') throw new MalformedAnswerError(`the API's answer has no ${key} (a text field)`);
  return value;
}
