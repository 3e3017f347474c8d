import { badRequest } from './errors.js';
import { optionalInteger, optionalString, type ParamMap } from './params.js';
import type { Entry } from './store.js';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const PAGING_PARAMS = new Set(['PageSize', 'Page', 'PageToken']);

/** Twilio's list envelope: `{ [key]: items, meta }`. */
export interface PageMeta {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  next_page_url: string | null;
  url: string;
  key: string;
}

export interface PageTarget {
  /** Absolute URL of the list without query, e.g. http://127.0.0.1:4010/v2/Services */
  listUrl: string;
  /** The request's query: paging params are read from it, the other params (filters) are kept in page URLs. */
  query: ParamMap;
  key: string;
  /** Largest PageSize accepted: 1000 for most lists, 5000 for a transcript's sentences. */
  maxPageSize?: number;
}

/**
 * One page of `entries` (which must be in ascending `seq` order, e.g. a collection's entries,
 * possibly filtered). Page tokens name a `seq` ("after 41" / "before 42") rather than an offset,
 * so paging stays correct while items are added or deleted, and each page costs O(log n).
 */
export function paginate<T, R>(entries: readonly Entry<T>[], target: PageTarget, render: (value: T) => R): Record<string, R[] | PageMeta> {
  const pageSize = optionalInteger(target.query, 'PageSize', 1, target.maxPageSize ?? MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const page = optionalInteger(target.query, 'Page', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const token = optionalString(target.query, 'PageToken');

  const [start, end] = token === undefined ? byPageNumber(entries, page, pageSize) : byToken(entries, token, pageSize);
  const items = entries.slice(start, end);

  const urlFor = (pageNumber: number, pageToken?: string): string => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(target.query)) {
      if (PAGING_PARAMS.has(name)) continue;
      for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
    }
    search.set('PageSize', String(pageSize));
    search.set('Page', String(pageNumber));
    if (pageToken !== undefined) search.set('PageToken', pageToken);
    return `${target.listUrl}?${search}`;
  };

  const first = items[0];
  const last = items[items.length - 1];
  const meta: PageMeta = {
    page,
    page_size: pageSize,
    first_page_url: urlFor(0),
    previous_page_url: first && start > 0 ? urlFor(Math.max(page - 1, 0), `PB${first.seq}`) : null,
    next_page_url: last && end < entries.length ? urlFor(page + 1, `PA${last.seq}`) : null,
    url: urlFor(page, token),
    key: target.key,
  };
  return { [target.key]: items.map((entry) => render(entry.value)), meta };
}

function byPageNumber(entries: readonly Entry<unknown>[], page: number, pageSize: number): [number, number] {
  const start = Math.min(page * pageSize, entries.length);
  return [start, Math.min(start + pageSize, entries.length)];
}

function byToken(entries: readonly Entry<unknown>[], token: string, pageSize: number): [number, number] {
  const match = /^P([AB])(\d+)$/.exec(token);
  if (!match) throw badRequest(`Invalid PageToken '${token}'`);
  const boundary = firstIndexWithSeqAtLeast(entries, Number(match[2]) + (match[1] === 'A' ? 1 : 0));
  if (match[1] === 'A') return [boundary, Math.min(boundary + pageSize, entries.length)];
  return [Math.max(boundary - pageSize, 0), boundary];
}

function firstIndexWithSeqAtLeast(entries: readonly Entry<unknown>[], seq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle]?.seq ?? seq) < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}
