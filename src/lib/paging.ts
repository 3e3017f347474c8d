import { toPlain } from './output/format.js';
import type { Row } from './output/types.js';

/** The part of the SDK's Page that streaming needs. */
export interface SdkPage<T> {
  instances: T[];
  nextPage(): Promise<SdkPage<T> | undefined> | undefined;
}

/**
 * Yields plain rows page by page, so the first rows print before the last page is fetched
 * and memory stays bounded by one page. `limit` stops early, without fetching further pages.
 */
export function streamPages<T>(first: Promise<SdkPage<T>>, limit = Infinity): AsyncGenerator<Row> {
  // The first request is already in flight; its failure is reported when the rows are read, not as an unhandled rejection.
  first.catch(() => {});
  return pages(first, limit);
}

async function* pages<T>(first: Promise<SdkPage<T>>, limit: number): AsyncGenerator<Row> {
  let page: SdkPage<T> | undefined = await first;
  let yielded = 0;
  while (page) {
    for (const instance of page.instances) {
      if (yielded++ >= limit) return;
      yield toPlain(instance);
    }
    if (yielded >= limit) return;
    page = await page.nextPage();
  }
}

/** Page size for a listing: fewer requests for big listings, no waste for small limits. */
export function pageSizeFor(limit: number | undefined, max = 1000): number {
  return limit === undefined || !Number.isFinite(limit) ? max : Math.max(1, Math.min(limit, max));
}
