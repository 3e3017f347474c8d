import type { IO } from '../context.js';
import { UsageError } from '../errors.js';
import { headerText, tsvHeader, tsvLine } from './format.js';
import { jsonBatches, JSON_ARRAY, NDJSON, type JsonLayout } from './json-rows.js';
import { limitNote, rowsShown, upTo } from './list-limit.js';
import { sanitizeComposed } from './sanitize.js';
import { Sink } from './sink.js';
import { makeStyle } from './style.js';
import { fitTable, keyValueTable, type Fitted } from './table.js';
import { wrap } from './text.js';
import type { Column, CommandResult, ListResult, ItemResult, OutputOptions, PagedRows, Row, Style } from './types.js';

function pick(row: Row, fields: string[] | undefined): Row {
  if (!fields) return row;
  return Object.fromEntries(fields.map((field) => [field, row[field]]));
}

/** --fields picks among the columns and every key the data has; an unknown name is a usage error. */
function selectColumns(columns: Column[], fields: string[] | undefined, sample: Row | undefined): Column[] {
  if (!fields) return columns;
  const known = new Map(columns.map((column) => [column.key, column]));
  for (const key of Object.keys(sample ?? {})) if (!known.has(key)) known.set(key, { key });
  const unknown = fields.filter((field) => !known.has(field));
  if (unknown.length && sample !== undefined) {
    throw new UsageError(`unknown field${unknown.length > 1 ? 's' : ''} for --fields: ${unknown.join(', ')}`, {
      hint: `available: ${[...known.keys()].join(', ')}`,
    });
  }
  return fields.map((field) => known.get(field) ?? { key: field });
}

/** The rows as one async iterator: a listing's own, or a plain array's. */
function iteratorOf(rows: AsyncIterable<Row> | Iterable<Row>): AsyncIterator<Row> {
  if (Symbol.asyncIterator in rows) return rows[Symbol.asyncIterator]();
  const sync = rows[Symbol.iterator]();
  return { next: () => Promise.resolve(sync.next()), return: () => Promise.resolve(sync.return?.() ?? { done: true, value: undefined }) };
}

const jsonLayout = (options: OutputOptions): JsonLayout | undefined => (options.ndjson ? NDJSON : options.json ? JSON_ARRAY : undefined);

const isPaged = (rows: ListResult['rows']): rows is PagedRows => 'jsonPages' in rows && typeof rows.jsonPages === 'function';

/** A list stopped at its limit says so on a terminal's stderr, wherever its rows went. */
async function renderList(sink: Sink, result: ListResult, options: OutputOptions, style: Style, io: IO): Promise<void> {
  const shown = rowsShown(options.limit);
  const layout = jsonLayout(options);
  if (layout && !Number.isFinite(shown) && !options.fields && isPaged(result.rows)) return writeJsonPages(sink, result.rows, layout);
  let stopped = false;
  // Without a limit the rows go straight through (a layer per row is a cost a long listing feels).
  const rows = Number.isFinite(shown) ? upTo(result.rows, shown, () => (stopped = true)) : result.rows;
  await renderRows(sink, iteratorOf(rows), result.columns, options, style, io);
  if (stopped && io.stderrIsTTY) io.stderr.write(limitNote(shown));
}

/** The rows of `rows`, read until the reader went away; the listing is told to stop (and let go) then. */
async function eachRow(
  sink: Sink,
  first: IteratorResult<Row>,
  rows: AsyncIterator<Row>,
  each: (row: Row) => Promise<void> | undefined,
): Promise<void> {
  let result = first;
  try {
    for (; !result.done; result = await rows.next()) {
      if (sink.closed) break;
      const wait = each(result.value);
      if (wait) await wait;
    }
  } finally {
    if (!result.done) await rows.return?.();
  }
}

async function renderRows(sink: Sink, rows: AsyncIterator<Row>, listColumns: Column[], options: OutputOptions, style: Style, io: IO) {
  const first = await rows.next();
  const columns = selectColumns(listColumns, options.fields, first.done ? undefined : first.value);
  const fields = options.fields;
  const layout = jsonLayout(options);
  if (layout) return writeJsonRows(sink, first, rows, fields, layout);
  if (!io.stdoutIsTTY) {
    if (options.header !== false) await sink.write(`${tsvHeader(columns)}\n`);
    return eachRow(sink, first, rows, (row) => sink.write(`${tsvLine(columns, row)}\n`));
  }
  const collected: Row[] = [];
  await eachRow(sink, first, rows, (row) => void collected.push(row));
  if (collected.length === 0) return; // an empty table says nothing a hint could not
  const fitted = fitTable(columns, collected, style, io.columns, options.header !== false);
  await sink.write(`${fitted.text}\n`);
  if (io.stderrIsTTY) io.stderr.write(fittingHint(fitted, io.columns));
}

/** The rows as JSON in `layout`, a row at a time, written a chunk at a time. */
async function writeJsonRows(
  sink: Sink,
  first: IteratorResult<Row>,
  rows: AsyncIterator<Row>,
  fields: string[] | undefined,
  layout: JsonLayout,
) {
  const { before, after } = layout;
  let count = 0;
  await sink.writeBuffered(layout.open);
  await eachRow(sink, first, rows, (row) => sink.writeBuffered(`${before(count++ === 0)}${JSON.stringify(pick(row, fields))}${after}`));
  await sink.writeBuffered(layout.close(count));
  await sink.flush();
}

/**
 * The rows as JSON in `layout`, a page at a time: each page is written as soon as it is read (a batch of rows per
 * JSON.stringify), so its objects and its text die young; the listing goes on once the pipe has taken it.
 */
async function writeJsonPages(sink: Sink, rows: PagedRows, layout: JsonLayout) {
  let count = 0;
  // What a page's writes leave to wait for (the pipe to drain), boxed: a page's value is not awaited on its way.
  const writePage = (page: readonly object[]): { drained?: Promise<void> } => {
    let drained: Promise<void> | undefined;
    for (const { text, size } of jsonBatches(page, layout.between)) {
      drained = sink.writeBuffered(`${layout.before(count === 0)}${text}${layout.after}`) ?? drained;
      count += size;
    }
    return { drained };
  };
  await sink.writeBuffered(layout.open);
  for await (const { drained } of rows.jsonPages(writePage)) {
    if (drained) await drained;
    if (sink.closed) break;
  }
  await sink.writeBuffered(layout.close(count));
  await sink.flush();
}

/** What the fitted table left out, and how to see it: for a terminal's stderr, wrapped to its width; or nothing. */
export function fittingHint({ shown, hidden, clipped }: Fitted, width: number): string {
  if (!hidden.length && !clipped.length) return '';
  const names = (columns: Column[]) => columns.map(headerText).join(', ');
  const parts = [hidden.length && `hidden: ${names(hidden)}`, clipped.length && `clipped: ${names(clipped)}`].filter(Boolean);
  const [firstShown] = shown;
  const [firstHidden] = hidden;
  const example = firstShown && firstHidden ? ` (e.g. --fields ${firstShown.key},${firstHidden.key})` : '';
  const text = `To fit ${width} columns, ${parts.join('; ')}. Pick columns with --fields${example} or see all with --json.`;
  return `${wrap(text, width).join('\n')}\n`;
}

async function renderObject(sink: Sink, result: ItemResult, options: OutputOptions, style: Style, io: IO): Promise<void> {
  const columns = selectColumns(result.columns ?? Object.keys(result.data).map((key) => ({ key })), options.fields, result.data);
  if (options.json || options.ndjson) {
    await sink.write(`${JSON.stringify(pick(result.data, options.fields), null, options.ndjson ? undefined : 2)}\n`);
  } else if (io.stdoutIsTTY) {
    await sink.write(`${keyValueTable(columns, result.data, style, io.columns)}\n`);
  } else {
    if (options.header !== false) await sink.write(`${tsvHeader(columns)}\n`);
    await sink.write(`${tsvLine(columns, result.data)}\n`);
  }
}

/** `--json` means one JSON document; a stream's JSON lines are `--ndjson` (the old spelling still works). */
const STREAM_JSON_DEPRECATED = 'warning: --json is deprecated for streaming commands; use --ndjson (one JSON object per line)\n';

/** The one place that turns a command's data into bytes on stdout. */
export async function render(io: IO, result: CommandResult, options: OutputOptions = {}): Promise<void> {
  const sink = new Sink(io.stdout);
  const style = makeStyle(io.color, io.stdoutIsTTY, io.columns);
  const human = (text: string) => sanitizeComposed(text, style.color);
  switch (result.kind) {
    case 'none':
      return;
    case 'text':
      return sink.write(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
    case 'item':
      return renderObject(sink, result, options, style, io);
    case 'list':
      return renderList(sink, result, options, style, io);
    case 'stream': {
      if (options.json) io.stderr.write(STREAM_JSON_DEPRECATED);
      const asJson = options.json || options.ndjson || (!io.stdoutIsTTY && result.piped === 'ndjson');
      for await (const event of result.events) {
        if (sink.closed) break;
        await sink.write(`${asJson ? JSON.stringify(event.json) : human(event.human(style))}\n`);
      }
      return;
    }
    case 'view':
      if (options.ndjson) {
        // A view's JSON form, one element per line: streamed when the view streams, else its array (or itself).
        const items = result.ndjson ?? (Array.isArray(result.json) ? (result.json as unknown[]) : [result.json]);
        for await (const item of items) {
          if (sink.closed) break;
          await sink.write(`${JSON.stringify(item)}\n`);
        }
        return;
      }
      if (options.json) return sink.write(`${JSON.stringify(result.json, null, 2)}\n`);
      return sink.write(human(result.human(style)).replace(/\n?$/, '\n'));
  }
}
