// Paging and routing, seen from the wire: page tokens, filters in page URLs, literal routes before captures,
// and which operators a transcript is analysed with (attached ones, in attach order, deleted ones skipped).
import { describe, expect, it } from 'vitest';
import { generatedRecordings } from '../../src/emulator/index.js';
import { useTestEmulator, type TestEmulator } from '../support/emulator.js';

const SUMMARY = 'LY00000000000000000000000000000001';
const SENTIMENT = 'LY00000000000000000000000000000002';
const SEEDED = 5_000;

const emulator = useTestEmulator({ seedTranscripts: SEEDED, transcribeDelayMs: 10, recordings: generatedRecordings(20) });
const recording = (n: number) => `RE${n.toString(16).padStart(32, '0')}`;

type Json = Record<string, unknown>;
interface Meta {
  page: number;
  page_size: number;
  next_page_url: string | null;
  previous_page_url: string | null;
  first_page_url: string;
  url: string;
  key: string;
}

async function call(
  target: TestEmulator,
  method: string,
  pathOrUrl: string,
  form?: Record<string, string>,
): Promise<{ status: number; body: Json }> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${target.url}${pathOrUrl}`;
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${target.accountSid}:${target.authToken}`).toString('base64')}`,
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

async function page(url: string): Promise<{ sids: string[]; meta: Meta }> {
  const { body } = await call(emulator, 'GET', url);
  const meta = body.meta as Meta;
  return { sids: (body[meta.key] as Array<{ sid: string }>).map((item) => item.sid), meta };
}

describe('paging', () => {
  it('walks every seeded transcript by next_page_url exactly once', async () => {
    const seen = new Set<string>();
    let current = await page('/v2/Transcripts?PageSize=1000');
    for (;;) {
      for (const sid of current.sids) seen.add(sid);
      if (!current.meta.next_page_url) break;
      current = await page(current.meta.next_page_url);
    }
    expect(seen.size).toBe(SEEDED);
    expect(current.meta.page).toBe(SEEDED / 1000 - 1);
  });

  it('stays on course when items before the cursor are deleted', async () => {
    const sids: string[] = [];
    for (let i = 0; i < 6; i++) sids.push((await call(emulator, 'POST', '/v2/Services', { UniqueName: `paged-${i}` })).body.sid as string);
    // The seeded service comes first: skip it with a page of one.
    const skip = await page('/v2/Services?PageSize=1');
    const first = await page(skip.meta.next_page_url?.replace('PageSize=1', 'PageSize=2') ?? '');
    expect(first.sids).toEqual(sids.slice(0, 2));
    expect((await call(emulator, 'DELETE', `/v2/Services/${sids[0]}`)).status).toBe(204);
    const second = await page(first.meta.next_page_url ?? '');
    expect(second.sids).toEqual(sids.slice(2, 4));
    const back = await page(second.meta.previous_page_url ?? '');
    expect(back.sids).toEqual([skip.sids[0], sids[1]]);
  });

  it('keeps filters in page URLs, filters by SourceSid, and supports Page without a token', async () => {
    const { meta } = await page('/v2/Transcripts?PageSize=2&Status=completed');
    expect(meta.first_page_url).toBe(`${emulator.url}/v2/Transcripts?Status=completed&PageSize=2&Page=0`);
    expect(meta.next_page_url).toMatch(/Status=completed&PageSize=2&Page=1&PageToken=PA\d+$/);
    expect((await page('/v2/Transcripts?SourceSid=RE00000000000000000000000000000009')).sids).toEqual([]);
    expect((await page(`/v2/Transcripts?PageSize=1000&Page=${SEEDED / 1000 - 1}`)).sids).toHaveLength(1000);
    const beyond = await page(`/v2/Transcripts?PageSize=1000&Page=${SEEDED / 1000}`);
    expect(beyond.sids).toEqual([]);
    expect(beyond.meta.next_page_url).toBeNull();
  });
});

describe('paging a filtered list', () => {
  it('pages forward and back through the matches only, and finds a recording by SourceSid', async () => {
    const service = (await call(emulator, 'POST', '/v2/Services', { UniqueName: 'filtered' })).body.sid as string;
    const created: string[] = [];
    for (let n = 5; n < 10; n++) {
      const channel = JSON.stringify({ media_properties: { source_sid: recording(n) } });
      created.push((await call(emulator, 'POST', '/v2/Transcripts', { ServiceSid: service, Channel: channel })).body.sid as string);
    }
    const first = await page(`/v2/Transcripts?ServiceSid=${service}&PageSize=2`);
    expect(first.sids).toEqual(created.slice(0, 2));
    expect(first.meta.previous_page_url).toBeNull();
    const second = await page(first.meta.next_page_url ?? '');
    const third = await page(second.meta.next_page_url ?? '');
    expect([second.sids, third.sids]).toEqual([created.slice(2, 4), created.slice(4)]);
    expect(third.meta.next_page_url).toBeNull();
    const back = await page(third.meta.previous_page_url ?? '');
    expect(back.sids).toEqual(created.slice(2, 4));
    expect((await page(back.meta.previous_page_url ?? '')).meta.previous_page_url).toBeNull();

    const seededService = ((await call(emulator, 'GET', '/v2/Services?PageSize=1')).body.services as Array<{ sid: string }>)[0]?.sid ?? '';
    const lastSeeded = await page(`/v2/Transcripts?ServiceSid=${seededService}&PageSize=1000&Page=${SEEDED / 1000 - 1}`);
    expect(lastSeeded.sids).toHaveLength(1000);
    expect(lastSeeded.meta.next_page_url).toBeNull(); // later transcripts belong to other services

    expect((await page(`/v2/Transcripts?SourceSid=${recording(7)}`)).sids).toEqual([created[2]]);
    expect((await page(`/v2/Transcripts?SourceSid=${recording(7)}&ServiceSid=${seededService}`)).sids).toEqual([]);
  });
});

describe('routing', () => {
  it('prefers literal segments over captures and decodes captures', async () => {
    expect((await call(emulator, 'GET', '/v2/Operators/Custom')).body.meta).toMatchObject({ key: 'operators' });
    expect((await call(emulator, 'GET', `/v2/Operators/${SUMMARY.slice(0, -1)}%31`)).body).toMatchObject({ sid: SUMMARY });
    expect((await call(emulator, 'GET', '/v2/Operators/%zz')).status).toBe(404);
  });
});

describe('operators a transcript is analysed with', () => {
  async function resultsOf(serviceSid: string, recording: string): Promise<string[]> {
    const created = await call(emulator, 'POST', '/v2/Transcripts', {
      ServiceSid: serviceSid,
      Channel: JSON.stringify({ media_properties: { source_sid: recording } }),
    });
    const sid = created.body.sid as string;
    for (let i = 0; i < 500; i++) {
      if ((await call(emulator, 'GET', `/v2/Transcripts/${sid}`)).body.status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const results = (await call(emulator, 'GET', `/v2/Transcripts/${sid}/OperatorResults`)).body.operator_results as Json[];
    return results.map((result) => `${result.operator_sid as string} ${result.operator_type as string}`);
  }

  it('uses the attached pre-built and custom operators in attach order, and skips deleted ones', async () => {
    const service = (await call(emulator, 'POST', '/v2/Services', { UniqueName: 'attach-order' })).body.sid as string;
    const custom = await call(emulator, 'POST', '/v2/Operators/Custom', {
      FriendlyName: 'Feedback',
      OperatorType: 'GenerativeJSON',
      Config: JSON.stringify({ prompt: 'p', json_result_schema: { type: 'object', properties: { category: { type: 'string' } } } }),
    });
    const customSid = custom.body.sid as string;
    for (const sid of [SENTIMENT, customSid, SUMMARY]) {
      expect((await call(emulator, 'POST', `/v2/Services/${service}/Operators/${sid}`)).status).toBe(202);
    }
    expect(await resultsOf(service, 'RE00000000000000000000000000000002')).toEqual([
      `${SENTIMENT} conversation-classify`,
      `${customSid} json`,
      `${SUMMARY} text-generation`,
    ]);
    expect((await call(emulator, 'DELETE', `/v2/Operators/Custom/${customSid}`)).status).toBe(204);
    expect(await resultsOf(service, 'RE00000000000000000000000000000003')).toEqual([
      `${SENTIMENT} conversation-classify`,
      `${SUMMARY} text-generation`,
    ]);
  });
});
