import { describe, expect, it } from 'vitest';
import { pageSizeFor, streamPages, type SdkPage } from '../../src/lib/paging.js';

/** Pages of `size` numbered rows; counts the pages fetched. */
function pagesOf(total: number, size: number) {
  const fetched = { pages: 0 };
  const page = (start: number): SdkPage<{ n: number }> => {
    fetched.pages++;
    const end = Math.min(start + size, total);
    return {
      instances: Array.from({ length: end - start }, (_, i) => ({ n: start + i })),
      nextPageUrl: end < total ? `https://intelligence.twilio.com/v2/Rows?Page=${end}` : undefined,
      nextPage: () => (end < total ? Promise.resolve(page(end)) : undefined),
    };
  };
  return { first: Promise.resolve().then(() => page(0)), fetched };
}

async function collect(rows: AsyncIterable<unknown>): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe('streamPages', () => {
  it('yields every row of every page without a limit', async () => {
    const { first, fetched } = pagesOf(7, 3);
    expect(await collect(streamPages(first))).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => ({ n })));
    expect(fetched.pages).toBe(3);
  });

  it('stops at the limit without fetching the next page', async () => {
    const { first, fetched } = pagesOf(10, 3);
    expect(await collect(streamPages(first, 3))).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(fetched.pages).toBe(1);
    const second = pagesOf(10, 3);
    expect(await collect(streamPages(second.first, 4))).toHaveLength(4);
    expect(second.fetched.pages).toBe(2);
  });

  it('yields nothing for a limit of 0 and for an empty first page', async () => {
    expect(await collect(streamPages(pagesOf(5, 2).first, 0))).toEqual([]);
    expect(await collect(streamPages(pagesOf(0, 2).first))).toEqual([]);
  });

  it('reports a failed first request when read, not as an unhandled rejection', async () => {
    const rows = streamPages<{ n: number }>(Promise.reject(new Error('HTTP 500')));
    await new Promise((resolve) => setTimeout(resolve, 10)); // an unhandled rejection would fail the run here
    await expect(collect(rows)).rejects.toThrow('HTTP 500');
  });
});

describe('pageSizeFor', () => {
  it('asks for the limit, between 1 and the maximum', () => {
    expect(pageSizeFor(undefined)).toBe(1000);
    expect(pageSizeFor(Infinity)).toBe(1000);
    expect(pageSizeFor(7)).toBe(7);
    expect(pageSizeFor(0)).toBe(1);
    expect(pageSizeFor(5000)).toBe(1000);
    expect(pageSizeFor(80, 50)).toBe(50);
  });
});
