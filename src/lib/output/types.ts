/** What commands return; the output layer alone decides how it looks. */
import type { CliError } from '../errors.js';

export type Row = Record<string, unknown>;

export interface Column {
  /** camelCase key in the JSON object; `--fields` names these. */
  key: string;
  header?: string;
  /** How a cell reads on a terminal (`tty`) or in TSV (JSON always carries the raw value). */
  format?: (value: unknown, row: Row, tty: boolean) => string;
  /** An identifier (SID, v3 ID): never clipped on a terminal; the column is dropped instead. */
  id?: boolean;
}

/** A single resource (show / create / update). */
export interface ItemResult {
  kind: 'item';
  data: Row;
  /** Columns for the table/TSV; default: every key. */
  columns?: Column[];
}

/** Rows that can also be read a page at a time as JSON: a long listing's JSON is made a page at once, not a row at a time. */
export interface PagedRows extends AsyncIterable<Row> {
  /**
   * The same rows as JSON values (JSON.stringify of one gives its row's JSON, though it may still hold a Date), a
   * page at a time, each page given to `make` as soon as it is read (the next one already asked for): what it makes
   * is all that is kept of the page. Read the rows one way or the other.
   */
  jsonPages<U>(make: (rows: readonly object[]) => U): AsyncIterable<U>;
}

/** A list, possibly streamed page by page. */
export interface ListResult {
  kind: 'list';
  rows: AsyncIterable<Row> | Iterable<Row> | PagedRows;
  columns: Column[];
}

/** Anything with its own human rendering (results sections, plans); JSON is still one document. */
export interface ViewResult {
  kind: 'view';
  json: unknown;
  /** Human text for a terminal (styled) or a pipe (plain). */
  human: (style: Style) => string;
  /** For --ndjson, when the view streams; otherwise its JSON form is printed one element per line. */
  ndjson?: AsyncIterable<unknown> | Iterable<unknown>;
  /**
   * Thrown after the output is printed: the report stands and the exit code says what it found
   * (`ci doctor` with a failed check, `ci diff --exit-code` with changes).
   */
  failure?: CliError;
}

/** Plain text for humans only, e.g. a completion script or an emulator banner. */
export interface TextResult {
  kind: 'text';
  text: string;
}

/** One event of a long-running command (a server's lines, webhook deliveries). */
export interface OutputEvent {
  human: (style: Style) => string;
  json: unknown;
}

/**
 * A stream of events from a server-like command; it ends when the command stops (Ctrl-C included).
 * Piped, it prints NDJSON or the human lines, as the command chooses; --json always prints NDJSON.
 */
export interface StreamResult {
  kind: 'stream';
  events: AsyncIterable<OutputEvent>;
  piped: 'ndjson' | 'text';
}

export interface NoResult {
  kind: 'none';
}

export type CommandResult = ItemResult | ListResult | ViewResult | TextResult | StreamResult | NoResult;

export interface OutputOptions {
  json?: boolean;
  ndjson?: boolean;
  /** A list's rows to read, one more than it shows (see lib/output/list-limit.ts); absent: all. */
  limit?: number;
  fields?: string[];
  header?: boolean;
}

/** Colour and emphasis, collapsing to identity when colour is off. */
export interface Style {
  color: boolean;
  tty: boolean;
  /** Terminal columns the text should fit (views wrap and fit their tables to it). */
  width: number;
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}
