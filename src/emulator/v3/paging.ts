// v3 token paging: `pageSize` (1–1000, default 50) and an opaque `pageToken`; the envelope is
// `{ items, meta: { key, pageSize, nextToken?, previousToken? } }` where meta.pageSize is the number returned.
import { optionalString, type ParamMap } from '../params.js';
import { badRequest, invalidField } from './errors.js';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const KEY = 'items';

/** A listed value with its position key, strictly increasing along the list (a collection's `seq`, or an index). */
export interface Positioned<T> {
  readonly seq: number;
  readonly value: T;
}

export interface TokenPageMeta {
  key: string;
  pageSize: number;
  nextToken?: string;
  previousToken?: string;
}

export interface TokenPage<R> {
  items: R[];
  meta: TokenPageMeta;
}

/**
 * One page of `entries`. A token names a position ("after seq 41" / "before seq 42"), not an offset,
 * so paging stays right while items are added or deleted. Filters are not in the token: the SDK
 * sends the same query again with `pageToken`, as Twilio's clients do.
 */
export function tokenPage<T, R>(
  entries: readonly Positioned<T>[],
  query: ParamMap,
  render: (value: T) => R,
  maxPageSize: number = MAX_PAGE_SIZE,
): TokenPage<R> {
  const pageSize = readPageSize(query, maxPageSize);
  const token = optionalString(query, 'pageToken');
  const [start, end] = token === undefined ? [0, Math.min(pageSize, entries.length)] : bounds(entries, decode(token), pageSize);
  const page = entries.slice(start, end);
  const meta: TokenPageMeta = { key: KEY, pageSize: page.length };
  const [first, last] = [page[0], page[page.length - 1]];
  if (last && end < entries.length) meta.nextToken = encode('after', last.seq);
  if (first && start > 0) meta.previousToken = encode('before', first.seq);
  return { items: page.map((entry) => render(entry.value)), meta };
}

/**
 * The same paging with the list under its own key, as the Conversations v2 (`configurations`, `conversations`, …)
 * and Memory v1 (`stores`, at most 100 a page) lists have it: `{ [key]: items, meta: { key, … } }`.
 */
export function keyedTokenPage<T, R>(
  key: string,
  entries: readonly Positioned<T>[],
  query: ParamMap,
  render: (value: T) => R,
  maxPageSize: number = MAX_PAGE_SIZE,
): Record<string, unknown> {
  const { items, meta } = tokenPage(entries, query, render, maxPageSize);
  return { [key]: items, meta: { ...meta, key } };
}

function readPageSize(query: ParamMap, maxPageSize: number): number {
  const raw = optionalString(query, 'pageSize');
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(size >= 1 && size <= maxPageSize)) throw invalidField('pageSize', `'${raw}' is not an integer from 1 to ${maxPageSize}`);
  return size;
}

type Direction = 'after' | 'before';

function encode(direction: Direction, seq: number): string {
  return Buffer.from(`${direction}:${seq}`).toString('base64url');
}

function decode(token: string): { direction: Direction; seq: number } {
  const match = /^(after|before):(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw badRequest(`Invalid pageToken '${token}'`);
  return { direction: match[1] === 'after' ? 'after' : 'before', seq: Number(match[2]) };
}

function bounds(
  entries: readonly Positioned<unknown>[],
  anchor: { direction: Direction; seq: number },
  pageSize: number,
): [number, number] {
  const boundary = firstIndexWithSeqAtLeast(entries, anchor.seq + (anchor.direction === 'after' ? 1 : 0));
  if (anchor.direction === 'after') return [boundary, Math.min(boundary + pageSize, entries.length)];
  return [Math.max(boundary - pageSize, 0), boundary];
}

function firstIndexWithSeqAtLeast(entries: readonly Positioned<unknown>[], seq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle]?.seq ?? Infinity) < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}
