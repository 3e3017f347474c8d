import { describe, expect, it } from 'vitest';
import { MalformedAnswerError } from '../../src/lib/errors.js';
import { allRows, firstRow, streamPages, type SdkPage } from '../../src/lib/paging.js';

/** A chain of fake SDK pages: page i holds `items(i)` and points at `next(i)` (undefined: last page). */
function pages(items: (i: number) => unknown[], next: (i: number) => number | undefined) {
  let fetched = 0;
  const make = (i: number): SdkPage<unknown> => {
    fetched++;
    const following = next(i);
    return {
      instances: items(i),
      nextPageUrl: following === undefined ? undefined : `https://intelligence.twilio.com/v2/Services?Page=${following}`,
      nextPage: () => (following === undefined ? undefined : Promise.resolve(make(following))),
    };
  };
  return { first: () => Promise.resolve(make(0)), fetched: () => fetched };
}

const row = (i: number) => ({ sid: `GA${String(i).padStart(32, '0')}` });

async function drain(rows: AsyncGenerator<unknown>): Promise<unknown[]> {
  const seen: unknown[] = [];
  for await (const item of rows) seen.push(item);
  return seen;
}

describe('streamPages', () => {
  it('yields every row of every page, and stops at a limit without fetching further', async () => {
    const chain = pages(
      (i) => [row(2 * i), row(2 * i + 1)],
      (i) => (i < 2 ? i + 1 : undefined),
    );
    expect(await drain(streamPages(chain.first()))).toHaveLength(6);
    const limited = pages(
      (i) => [row(2 * i), row(2 * i + 1)],
      (i) => i + 1,
    );
    expect(await drain(streamPages(limited.first(), 3))).toHaveLength(3);
    expect(limited.fetched()).toBe(2);
  });

  // The server works on the next page while this one's rows are printed.
  it('asks for the next page before handing out the rows of this one', async () => {
    const chain = pages(
      (i) => [row(2 * i), row(2 * i + 1)],
      (i) => (i < 2 ? i + 1 : undefined),
    );
    const rows = streamPages(chain.first());
    await rows.next();
    expect(chain.fetched()).toBe(2);
    await rows.return(undefined);
  });

  // A writer makes each page into its text at once, while the server works on the next one.
  it('asks for the next page before a JSON writer makes this one', async () => {
    const chain = pages(
      (i) => [row(2 * i), row(2 * i + 1)],
      (i) => (i < 2 ? i + 1 : undefined),
    );
    const fetchedWhenMade: number[] = [];
    for await (const page of streamPages(chain.first()).jsonPages((rows) => (fetchedWhenMade.push(chain.fetched()), rows))) {
      expect(page).toHaveLength(2);
    }
    expect(fetchedWhenMade).toEqual([2, 3, 3]);
  });

  // Rows are made without a JSON round trip per row; what they hold must not change.
  it('gives each row what JSON gives for the instance: dates as text, undefined fields left out, NaN as null', async () => {
    const instance = {
      toJSON: () => ({
        sid: 'GT' + '0'.repeat(32),
        dateCreated: new Date('2026-01-02T03:04:05Z'),
        dateUpdated: new Date('not a date'),
        duration: Number.NaN,
        missing: undefined,
        channel: { media_properties: { source_sid: 'RE1' } },
        status: 'completed',
      }),
    };
    const [got] = await allRows(Promise.resolve({ instances: [instance], nextPage: () => undefined }));
    const expected: unknown = JSON.parse(JSON.stringify(instance));
    expect(got).toEqual(expected);
    expect(Object.keys(got ?? {})).toEqual(Object.keys(expected as object));
  });

  it("gives a writer of JSON values whose JSON is the instance's, and checks them like rows", async () => {
    const nested = { toJSON: () => ({ at: new Date('2026-01-02T03:04:05Z') }) };
    const items = [
      {
        toJSON: () => ({
          sid: 'GT' + '0'.repeat(32),
          dateCreated: new Date('2026-01-02T03:04:05Z'),
          dateUpdated: new Date('not a date'),
          duration: Number.NaN,
          missing: undefined,
          nested,
        }),
      },
      { sid: 'GT' + '1'.repeat(32), dateCreated: new Date('2026-01-02T03:04:05Z') },
    ];
    const jsonOf = async (instances: unknown[]) => {
      const texts: string[] = [];
      const listing = streamPages(Promise.resolve({ instances, nextPage: () => undefined }));
      for await (const page of listing.jsonPages((rows) => rows.map((row) => JSON.stringify(row)))) texts.push(...page);
      return texts;
    };
    expect(await jsonOf(items)).toEqual(items.map((item) => JSON.stringify(item)));
    await expect(jsonOf([row(1), {}])).rejects.toThrow(/none of the resource's fields/);
    await expect(jsonOf([{ sid: 5 }])).rejects.toThrow(/sid is number, not text/);
  });

  it('ends with an error when a page points at itself', async () => {
    const chain = pages(
      (i) => [row(i)],
      () => 0,
    );
    await expect(drain(streamPages(chain.first()))).rejects.toThrow(
      /the API's pages loop: the next page \/v2\/Services\?Page=0 was already fetched/,
    );
    expect(chain.fetched()).toBe(2);
  });

  it('ends with an error on a longer cycle', async () => {
    const chain = pages(
      (i) => [row(i)],
      (i) => (i + 1) % 3,
    );
    await expect(drain(streamPages(chain.first()))).rejects.toBeInstanceOf(MalformedAnswerError);
    expect(chain.fetched()).toBe(4);
  });

  it('ends with an error past the most pages a listing can have', async () => {
    const chain = pages(
      (i) => [row(i)],
      (i) => i + 1,
    );
    await expect(drain(streamPages(chain.first(), Infinity, 5))).rejects.toThrow(/goes on past 5 pages/);
    expect(chain.fetched()).toBe(5);
  });

  it('reports a page the SDK could not read, or items without the resource fields, as malformed', async () => {
    const broken = Promise.reject(new TypeError("Cannot read properties of undefined (reading 'forEach')"));
    await expect(drain(streamPages(broken))).rejects.toThrow(/^the API's answer is malformed: a page without its list of items$/);
    await expect(
      drain(
        streamPages(
          pages(
            () => [{}],
            () => undefined,
          ).first(),
        ),
      ),
    ).rejects.toThrow(/none of the resource's fields/);
    await expect(
      drain(
        streamPages(
          pages(
            () => [{ sid: 5 }],
            () => undefined,
          ).first(),
        ),
      ),
    ).rejects.toThrow(/sid is number, not text/);
    const sdkFilledDates: SdkPage<unknown> = {
      instances: [{ dateCreated: '2026-01-01T00:00:00.000Z' }],
      _payload: { services: [{ unknown_field: 1 }], meta: { key: 'services' } },
      nextPage: () => undefined,
    };
    await expect(drain(streamPages(Promise.resolve(sdkFilledDates)))).rejects.toThrow(/none of the resource's fields/);
  });

  it('passes other failures through untouched', async () => {
    const failure = Object.assign(new Error('boom'), { status: 500 });
    await expect(drain(streamPages(Promise.reject(failure)))).rejects.toBe(failure);
  });
});

describe('allRows and firstRow', () => {
  it('collect a whole listing, or only its first row', async () => {
    expect(
      await allRows(
        pages(
          (i) => [row(i)],
          (i) => (i < 3 ? i + 1 : undefined),
        ).first(),
      ),
    ).toHaveLength(4);
    const chain = pages(
      (i) => [row(i), row(i + 10)],
      (i) => i + 1,
    );
    expect(await firstRow(chain.first())).toEqual(row(0));
    expect(chain.fetched()).toBe(1);
    expect(
      await firstRow(
        pages(
          () => [],
          () => undefined,
        ).first(),
      ),
    ).toBeUndefined();
  });

  it('are guarded like every listing', async () => {
    await expect(
      firstRow(
        pages(
          () => [],
          () => 0,
        ).first(),
      ),
    ).rejects.toThrow(/pages loop/);
  });
});
