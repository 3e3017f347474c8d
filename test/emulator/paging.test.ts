import { describe, expect, it } from 'vitest';
import { paginate, type PageMeta } from '../../src/emulator/paging.js';
import type { ParamMap } from '../../src/emulator/params.js';
import { Router, type Route } from '../../src/emulator/router.js';
import { Collection, type Resource } from '../../src/emulator/store.js';
import { defined } from '../support/defined.js';

const LIST_URL = 'http://emulator/v2/Things';

function filled(count: number): Collection<Resource> {
  const collection = new Collection<Resource>('things', () => {});
  for (let i = 0; i < count; i++) collection.insert({ sid: `TH${String(i).padStart(32, '0')}` });
  return collection;
}

function page(collection: Collection<Resource>, query: ParamMap) {
  const body = paginate(collection.entries(), { listUrl: LIST_URL, query, key: 'things' }, (thing) => thing.sid);
  return { sids: body.things as string[], meta: body.meta as PageMeta };
}

/** The query of a page URL, as the SDK would send it back. */
function queryOf(url: string): ParamMap {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('paginate', () => {
  it('walks 50,000 items by next_page_url quickly and exactly once each', () => {
    const collection = filled(50_000);
    const seen = new Set<string>();
    const started = performance.now();
    let current = page(collection, { PageSize: '1000' });
    for (;;) {
      for (const sid of current.sids) seen.add(sid);
      if (!current.meta.next_page_url) break;
      current = page(collection, queryOf(current.meta.next_page_url));
    }
    expect(seen.size).toBe(50_000);
    expect(current.meta.page).toBe(49);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stays on course when items before the cursor are deleted', () => {
    const collection = filled(6);
    const first = page(collection, { PageSize: '2' });
    collection.delete(defined(first.sids[0]));
    const second = page(collection, queryOf(first.meta.next_page_url!));
    expect(second.sids).toEqual([`TH${'2'.padStart(32, '0')}`, `TH${'3'.padStart(32, '0')}`]);
    const back = page(collection, queryOf(second.meta.previous_page_url!));
    expect(back.sids).toEqual([`TH${'1'.padStart(32, '0')}`]);
    expect(back.meta.previous_page_url).toBeNull();
  });

  it('keeps filters in page URLs and reports Twilio meta', () => {
    const { meta } = page(filled(3), { PageSize: '2', ServiceSid: 'GA1' });
    expect(meta).toMatchObject({
      page: 0,
      page_size: 2,
      key: 'things',
      first_page_url: `${LIST_URL}?ServiceSid=GA1&PageSize=2&Page=0`,
      url: `${LIST_URL}?ServiceSid=GA1&PageSize=2&Page=0`,
      previous_page_url: null,
    });
    expect(meta.next_page_url).toMatch(/ServiceSid=GA1&PageSize=2&Page=1&PageToken=PA\d+$/);
  });

  it('supports Page without a token and an empty last page', () => {
    const collection = filled(5);
    expect(page(collection, { PageSize: '2', Page: '2' }).sids).toHaveLength(1);
    const beyond = page(collection, { PageSize: '2', Page: '9' });
    expect(beyond.sids).toEqual([]);
    expect(beyond.meta.next_page_url).toBeNull();
    expect(page(filled(0), {}).meta.page_size).toBe(50);
  });
});

describe('Router', () => {
  const handler = () => ({ status: 200 });
  const routes: Route[] = [
    { method: 'GET', pattern: '/v2/Operators/{Sid}', handler },
    { method: 'GET', pattern: '/v2/Operators/Custom', handler },
    { method: 'POST', pattern: '/v2/Services/{ServiceSid}/Operators/{OperatorSid}', handler },
  ];
  const router = new Router(routes);

  it('prefers literal segments over captures and decodes captures', () => {
    expect(router.match('GET', '/v2/Operators/Custom')).toMatchObject({ kind: 'found', route: routes[1], params: {} });
    expect(router.match('GET', '/v2/Operators/LY%41')).toMatchObject({ kind: 'found', params: { Sid: 'LYA' } });
    expect(router.match('POST', '/v2/Services/GA1/Operators/LY2')).toMatchObject({
      params: { ServiceSid: 'GA1', OperatorSid: 'LY2' },
    });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(router.match('DELETE', '/v2/Operators/LY1')).toEqual({ kind: 'wrong-method', allowed: ['GET'] });
    expect(router.match('GET', '/v2/Operators')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/v2/Operators/%zz')).toEqual({ kind: 'none' });
  });
});
