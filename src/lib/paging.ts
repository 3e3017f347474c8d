// Every listing goes through here: pages are streamed, and a server whose pages loop, never end,
// or do not hold a list of items ends the listing with an error instead of a hang or a TypeError.
import { MalformedAnswerError } from './errors.js';
import { dateJson } from './output/date-json.js';
import { toPlain } from './output/format.js';
import type { PagedRows, Row } from './output/types.js';

/** The part of the SDK's Page that streaming needs. */
export interface SdkPage<T> {
  instances: T[];
  nextPageUrl?: string;
  /** The answer as received (the SDK keeps it): checked against what the SDK made of it. */
  _payload?: unknown;
  nextPage(): Promise<SdkPage<T> | undefined> | undefined;
}

/**
 * More pages than a listing of these APIs can hold: at the 1,000-item maximum page size, 10 million
 * items, beyond every documented account limit (services, operators, transcripts kept per account).
 */
export const MAX_PAGES = 10_000;

/** A listing's SDK resource: its first page by parameters, any later one by the URL a page pointed at. */
export interface SdkList<T, P> {
  page(params: P & { pageSize: number }): Promise<SdkPage<T>>;
  getPage(url: string): Promise<SdkPage<T>>;
}

/** Rows in the first page of a listing longer than a page: its first rows print before a full page is fetched. */
export const FIRST_PAGE_SIZE = 50;

/**
 * A listing: its rows one by one, or (for writers that serialise many rows at once) a page's rows at a time.
 * Read it one way only.
 */
export type Listing = AsyncGenerator<Row> & PagedRows;

/**
 * Yields plain rows page by page, so the first rows print before the last page is fetched
 * and memory stays bounded by one page. `limit` stops early, without fetching further pages.
 */
export function streamPages<T>(first: Promise<SdkPage<T>>, limit = Infinity, maxPages = MAX_PAGES): Listing {
  return streamFrom(first, limit, maxPages, (page) => page.nextPage());
}

/**
 * streamPages over `list` filtered by `params`: a listing that takes more than one full page starts with a
 * small one (its first rows print sooner), then asks for full pages. Later pages are asked for by their URL
 * alone: a request in flight holds nothing of the page before it.
 */
export function streamListing<T, P>(list: SdkList<T, P>, params: P, limit = Infinity, maxPages = MAX_PAGES): Listing {
  const full = pageSizeFor(limit);
  if (full >= limit) return streamPages(list.page({ ...params, pageSize: full }), limit, maxPages);
  const first = list.page({ ...params, pageSize: Math.min(FIRST_PAGE_SIZE, full) });
  return streamFrom(first, limit, maxPages, (_, url) => list.getPage(withPageSize(url, full)));
}

/** `url` asking for pages of `size` rows (unchanged when it does not name its page size). */
function withPageSize(url: string, size: number): string {
  return url.replace(/([?&]PageSize=)\d+(?=&|$)/, `$1${size}`);
}

/** How a listing asks for the page `url` names, after `page`. */
type NextPage<T> = (page: SdkPage<T>, url: string) => Promise<SdkPage<T> | undefined> | undefined;

function streamFrom<T>(first: Promise<SdkPage<T>>, limit: number, maxPages: number, next: NextPage<T>): Listing {
  // The first request is already in flight; its failure is reported when the rows are read, not as an unhandled rejection.
  first.catch(() => {});
  const pages = <R, U>(row: RowMaker<R>, make: (rows: readonly R[]) => U) => madePages(first, { limit, maxPages, next, row, make });
  return Object.assign(rowsOf(pages(rowOf, (rows) => rows)), {
    jsonPages: <U>(make: (rows: readonly object[]) => U) => pages(jsonRowOf, make),
  });
}

async function* rowsOf(pages: AsyncGenerator<readonly Row[]>): AsyncGenerator<Row> {
  for await (const rows of pages) yield* rows;
}

/** Every row of a listing, for the few callers that need them all at once. */
export async function allRows<T>(first: Promise<SdkPage<T>>): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of streamPages(first)) rows.push(row);
  return rows;
}

/** The first row of a listing, without fetching a second page. */
export async function firstRow<T>(first: Promise<SdkPage<T>>): Promise<Row | undefined> {
  for await (const row of streamPages(first, 1)) return row;
  return undefined;
}

/** What a listing makes of an item (its instance, and the item as received when known). */
type RowMaker<R> = (instance: unknown, raw: unknown) => R;

/** How a listing is read: up to `limit` rows, each made by `row`, and each page's rows by `make`. */
interface Reading<T, R, U> {
  limit: number;
  maxPages: number;
  next: NextPage<T>;
  row: RowMaker<R>;
  make: (rows: readonly R[]) => U;
}

/**
 * What `make` makes of each page's rows. The next page is asked for before this one is made and handed out:
 * the server and the network work on it meanwhile. A page is made as soon as it is read, and the SDK's page let
 * go then, so what waits to be written is only what `make` made of it.
 */
async function* madePages<T, R, U>(first: Promise<SdkPage<T>>, reading: Reading<T, R, U>): AsyncGenerator<U> {
  const { limit, maxPages, next } = reading;
  const visited = new Set<string>();
  let yielded = 0;
  let page = await readPage(first);
  for (let fetched = 1; page; fetched++) {
    const following = yielded + page.instances.length < limit ? nextPageOf(page, visited, fetched, maxPages, next) : undefined;
    following?.catch(() => {}); // read below, unless the reader stops first
    let made: Made<U> | undefined = madePage(page, limit - yielded, reading);
    const { count, malformed } = made;
    page = undefined;
    yielded += count;
    if (count) yield made.value;
    made = undefined; // let go while the next page comes
    if (malformed) throw malformed;
    if (yielded >= limit) return;
    page = following && (await readPage(following));
  }
}

/** What was made of a page's rows, how many they are, and the error that ended them early if one was malformed. */
interface Made<U> {
  value: U;
  count: number;
  malformed?: MalformedAnswerError;
}

function madePage<T, R, U>(page: SdkPage<T>, count: number, { row, make }: Reading<T, R, U>): Made<U> {
  const { rows, malformed } = pageRows(page, count, row);
  return { value: make(rows), count: rows.length, malformed };
}

/** Up to `count` rows of `page`, and the error that ended them early if an item was malformed. */
function pageRows<T, R>(page: SdkPage<T>, count: number, row: RowMaker<R>): { rows: R[]; malformed?: MalformedAnswerError } {
  const raw = rawItemsOf(page);
  const rows: R[] = [];
  const end = Math.min(count, page.instances.length);
  try {
    for (let index = 0; index < end; index++) rows.push(row(page.instances[index], raw?.[index]));
  } catch (error) {
    if (error instanceof MalformedAnswerError) return { rows, malformed: error };
    throw error;
  }
  return { rows };
}

/** The request for the page after `page`, or undefined at the end; a loop or an endless listing is an error. */
function nextPageOf<T>(
  page: SdkPage<T>,
  visited: Set<string>,
  fetched: number,
  maxPages: number,
  next: NextPage<T>,
): Promise<SdkPage<T> | undefined> | undefined {
  if (!page.nextPageUrl) return undefined;
  const address = pageAddress(page.nextPageUrl);
  if (visited.has(address)) throw new MalformedAnswerError(`the API's pages loop: the next page ${address} was already fetched`);
  if (fetched >= maxPages) throw new MalformedAnswerError(`the API's listing goes on past ${maxPages} pages, more than it can hold`);
  visited.add(address);
  return next(page, page.nextPageUrl);
}

/** Path and query: what tells pages apart (the origin is rewritten by --api-url anyway). */
function pageAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    throw new MalformedAnswerError("the API's answer is malformed: its next page is not a URL");
  }
}

/** The SDK builds a page by walking the payload; a payload of the wrong shape makes it throw. */
async function readPage<T>(promise: Promise<SdkPage<T> | undefined>): Promise<SdkPage<T> | undefined> {
  let page: SdkPage<T> | undefined;
  try {
    page = await promise;
  } catch (error) {
    if (error instanceof TypeError || (error instanceof Error && error.message === 'Page Records cannot be deserialized')) {
      throw new MalformedAnswerError("the API's answer is malformed: a page without its list of items", { cause: error });
    }
    throw error;
  }
  if (page && !Array.isArray(page.instances))
    throw new MalformedAnswerError("the API's answer is malformed: a page without its list of items");
  return page;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The API's keys repeat on every item of every page: each is converted once. */
const camelCased = new Map<string, string>();
function camelCase(key: string): string {
  let converted = camelCased.get(key);
  if (converted === undefined) {
    converted = key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
    camelCased.set(key, converted);
  }
  return converted;
}

/** The items of a page as received, when the page names its list key (Twilio's v1+ APIs do, in meta.key). */
function rawItemsOf(page: SdkPage<unknown>): unknown[] | undefined {
  const payload = page._payload;
  if (!isRecord(payload) || !isRecord(payload.meta) || typeof payload.meta.key !== 'string') return undefined;
  const items = payload[payload.meta.key];
  return Array.isArray(items) && items.length === page.instances.length ? items : undefined;
}

/** An item as JSON sees it: its toJSON() (an SDK instance's fields), or itself. */
const jsonOf = (item: unknown): unknown => (hasToJson(item) ? item.toJSON() : item);

/**
 * An item as JSON sees it, checked: an item none of whose fields the SDK recognised, or whose SID is not text,
 * would print as a blank or wrong row. (The SDK fills missing dates with "now", so the check compares with what was
 * received.) Its values are judged as JSON will hold them (plainValue).
 */
function checkedJson(instance: unknown, raw: unknown): Record<string, unknown> {
  const json = jsonOf(instance);
  if (!isRecord(json) || !hasKnownField(json, raw))
    throw new MalformedAnswerError("the API's answer is malformed: an item with none of the resource's fields");
  if (isKept(json.sid)) {
    const sid = plainValue(json.sid);
    if (typeof sid !== 'string')
      throw new MalformedAnswerError(`the API's answer is malformed: an item whose sid is ${typeof sid}, not text`);
  }
  return json;
}

function hasKnownField(json: Record<string, unknown>, raw: unknown): boolean {
  const known = (key: string) => {
    const value = json[key];
    return isKept(value) && plainValue(value) !== null;
  };
  if (raw === undefined) return Object.keys(json).some(known);
  return isRecord(raw) && Object.keys(raw).some((key) => known(camelCase(key)));
}

/**
 * What JSON.parse(JSON.stringify(instance)) gives for an SDK instance, without serialising every row
 * twice: its toJSON() fields, with undefined ones left out, dates as ISO text and numbers JSON cannot
 * hold as null. Below the top level the values are the answer's own, parsed from JSON already.
 */
function rowOf(instance: unknown, raw: unknown): Row {
  const json = checkedJson(instance, raw);
  // An SDK instance's toJSON() makes a new object: its values are replaced where they stand (no copy per
  // row), unless a field has to go, which only a copy does without slowing every later read of the row.
  const keys = Object.keys(json);
  const row: Row = json !== instance && keys.every((key) => isKept(json[key])) ? json : {};
  for (const key of keys) {
    const value = json[key];
    if (!isKept(value)) continue;
    const plain = plainValue(value);
    if (row !== json || plain !== value) row[key] = plain;
  }
  return row;
}

/**
 * The item as JSON will print it (JSON.stringify of it gives the row's JSON), with as little work as that takes:
 * its toJSON() with dates as ISO text (JSON.stringify turns a Date into text more slowly), the rest left to JSON.
 */
function jsonRowOf(instance: unknown, raw: unknown): object {
  const json = checkedJson(instance, raw);
  if (json === instance) return json; // not a copy: left as it is
  for (const key of Object.keys(json)) {
    const value = json[key];
    if (value instanceof Date) json[key] = plainValue(value);
  }
  return json;
}

/** JSON leaves out undefined fields, functions and symbols. */
const isKept = (value: unknown) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';

function plainValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return dateJson(value);
  return hasToJson(value) ? toPlain(value) : value;
}

const hasToJson = (value: unknown): value is { toJSON(): unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';

/** Page size for a listing: fewer requests for big listings, no waste for small limits. */
export function pageSizeFor(limit: number | undefined, max = 1000): number {
  return limit === undefined || !Number.isFinite(limit) ? max : Math.max(1, Math.min(limit, max));
}
