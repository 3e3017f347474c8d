import { badRequest } from './errors.js';
import { optionalInteger, optionalString, type ParamMap } from './params.js';
import { firstIndexWithSeqAtLeast, type Entry } from './store.js';

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
 * One page of `entries` (in ascending `seq` order, e.g. a collection's entries or an index's),
 * keeping only those `keep` accepts. Page tokens name a `seq` ("after 41" / "before 42") rather
 * than an offset, so paging stays correct while items are added or deleted, and a page is found by
 * binary search. The page is read by walking from there, never by filtering the whole list first:
 * a page of a filtered list costs what it scans, not what the list holds.
 */
export function paginate<T, R>(
  entries: readonly Entry<T>[],
  target: PageTarget,
  render: (value: T) => R,
  keep: (value: T) => boolean = () => true,
): Record<string, R[] | PageMeta> {
  const pageSize = optionalInteger(target.query, 'PageSize', 1, target.maxPageSize ?? MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const page = optionalInteger(target.query, 'Page', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const token = optionalString(target.query, 'PageToken');
  const list = new FilteredList(entries, keep);
  const { items, hasPrevious, hasNext } = token === undefined ? list.byPageNumber(page, pageSize) : list.byToken(token, pageSize);

  // Filters first (kept as sent), then the paging parameters: built once, completed per link.
  const filters = new URLSearchParams();
  for (const [name, value] of Object.entries(target.query)) {
    if (PAGING_PARAMS.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) filters.append(name, one);
  }
  const base = `${target.listUrl}?${filters.size > 0 ? `${filters.toString()}&` : ''}PageSize=${pageSize}&Page=`;
  const urlFor = (pageNumber: number, pageToken?: string): string =>
    `${base}${pageNumber}${pageToken === undefined ? '' : `&PageToken=${encodeURIComponent(pageToken)}`}`;

  const first = items[0];
  const last = items[items.length - 1];
  const meta: PageMeta = {
    page,
    page_size: pageSize,
    first_page_url: urlFor(0),
    previous_page_url: first && hasPrevious ? urlFor(Math.max(page - 1, 0), `PB${first.seq}`) : null,
    next_page_url: last && hasNext ? urlFor(page + 1, `PA${last.seq}`) : null,
    url: urlFor(page, token),
    key: target.key,
  };
  return { [target.key]: items.map((entry) => render(entry.value)), meta };
}

interface Page<T> {
  items: Entry<T>[];
  /** Whether kept entries exist before the first item / after the last one. */
  hasPrevious: boolean;
  hasNext: boolean;
}

/** The entries `keep` accepts, walked from a position in either direction. */
class FilteredList<T> {
  constructor(
    private readonly entries: readonly Entry<T>[],
    private readonly keep: (value: T) => boolean,
  ) {}

  byPageNumber(page: number, pageSize: number): Page<T> {
    let toSkip = page * pageSize;
    let index = 0;
    for (; toSkip > 0 && index < this.entries.length; index++) if (this.kept(index)) toSkip--;
    const { items, next } = this.forward(index, pageSize);
    return { items, hasPrevious: page > 0 && toSkip === 0, hasNext: next };
  }

  byToken(token: string, pageSize: number): Page<T> {
    const match = /^P([AB])(\d+)$/.exec(token);
    if (!match) throw badRequest(`Invalid PageToken '${token}'`);
    const after = match[1] === 'A';
    const boundary = firstIndexWithSeqAtLeast(this.entries, Number(match[2]) + (after ? 1 : 0));
    if (after) {
      const { items, next } = this.forward(boundary, pageSize);
      return { items, hasPrevious: this.backward(boundary - 1, 1).items.length > 0, hasNext: next };
    }
    const { items, next: previous } = this.backward(boundary - 1, pageSize);
    return { items, hasPrevious: previous, hasNext: this.forward(boundary, 1).items.length > 0 };
  }

  /** Up to `count` kept entries from `index` on, and whether another follows. */
  private forward(index: number, count: number): { items: Entry<T>[]; next: boolean } {
    const items: Entry<T>[] = [];
    for (let i = index; i < this.entries.length; i++) {
      if (!this.kept(i)) continue;
      if (items.length === count) return { items, next: true };
      const entry = this.entries[i];
      if (entry) items.push(entry);
    }
    return { items, next: false };
  }

  /** Up to `count` kept entries ending at `index` (in list order), and whether another precedes them. */
  private backward(index: number, count: number): { items: Entry<T>[]; next: boolean } {
    const items: Entry<T>[] = [];
    for (let i = index; i >= 0; i--) {
      if (!this.kept(i)) continue;
      if (items.length === count) return { items: items.reverse(), next: true };
      const entry = this.entries[i];
      if (entry) items.push(entry);
    }
    return { items: items.reverse(), next: false };
  }

  private kept(index: number): boolean {
    const entry = this.entries[index];
    return entry !== undefined && this.keep(entry.value);
  }
}
