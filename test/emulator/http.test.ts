// Wire-level behaviour the SDK does not exercise: auth variants, routing errors, validation, stats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';

describe('emulator over plain HTTP', () => {
  let emulator: TestEmulator;

  const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

  async function call(method: string, path: string, form?: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: {
        authorization: basic(emulator.accountSid, emulator.authToken),
        ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        ...headers,
      },
      body: form,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  /** Requests that break the spec on purpose must be caught by the validator too; then forgotten. */
  function expectViolations(...fragments: string[]): void {
    for (const fragment of fragments) expect(emulator.violations.some((violation) => violation.includes(fragment))).toBe(true);
    emulator.violations.length = 0;
  }

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });

  afterAll(async () => {
    await emulator.close();
    expect(emulator.violations).toEqual([]);
  });

  it('answers missing or malformed credentials with 401 code 20003', async () => {
    const expected = { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 };
    expect(await call('GET', '/v2/Services', undefined, { authorization: '' })).toMatchObject({ status: 401, body: expected });
    expect(await call('GET', '/v2/Services', undefined, { authorization: 'Bearer x' })).toMatchObject({ status: 401, body: expected });
    const wrongKey = basic(emulator.apiKeySid, emulator.authToken);
    expect(await call('GET', '/v2/Services', undefined, { authorization: wrongKey })).toMatchObject({ status: 401 });
  });

  it('answers unknown paths with 404 code 20404 and wrong methods with 405', async () => {
    const missing = await call('GET', '/v2/Nothing/Here');
    expect(missing).toMatchObject({ status: 404, body: { code: 20404, message: 'The requested resource /v2/Nothing/Here was not found' } });
    const wrongMethod = await call('DELETE', '/v2/Services');
    expect(wrongMethod).toMatchObject({ status: 405, body: { code: 20004 } });
    expect(wrongMethod.headers.get('allow')).toBe('POST, GET');
    expectViolations(); // neither is a spec violation: the client was told no
  });

  it('treats malformed and unknown service SIDs as not found', async () => {
    for (const sid of [
      'GA123',
      'gaffffffffffffffffffffffffffffffff',
      'GAFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF',
      'GA00000000000000000000000000000000',
    ]) {
      expect(await call('GET', `/v2/Services/${sid}`)).toMatchObject({ status: 404, body: { code: 20404 } });
    }
  });

  it('validates service fields', async () => {
    expect(await call('POST', '/v2/Services', 'FriendlyName=no-unique-name')).toMatchObject({ status: 400, body: { code: 20001 } });
    const mediaOnly = await call('POST', '/v2/Services', 'UniqueName=m&MediaRedaction=true');
    expect(mediaOnly).toMatchObject({ status: 400, body: { message: 'MediaRedaction requires AutoRedaction to be true' } });
    expect(await call('POST', '/v2/Services', 'UniqueName=w&WebhookHttpMethod=PUT')).toMatchObject({ status: 400 });
    expect(await call('POST', '/v2/Services', 'UniqueName=b&AutoTranscribe=yes')).toMatchObject({ status: 400 });
    expect(await call('POST', '/v2/Services', 'UniqueName=e&EncryptionCredentialSid=XX1')).toMatchObject({ status: 400 });
    expectViolations('form parameter UniqueName is required', 'WebhookHttpMethod', 'AutoTranscribe', 'EncryptionCredentialSid');

    const created = await call('POST', '/v2/Services', 'UniqueName=fixed-language&LanguageCode=es-US&WebhookHttpMethod=NULL');
    expect(created).toMatchObject({ status: 201, body: { language_code: 'es-US', webhook_http_method: 'NULL' } });
    const path = `/v2/Services/${created.body?.sid as string}`;
    const relanguage = await call('POST', path, 'LanguageCode=en-US');
    expect(relanguage).toMatchObject({ status: 400, body: { code: 20001 } });
    expect(relanguage.body?.message).toContain('LanguageCode');
    expectViolations('form parameter LanguageCode is not defined');

    const clearMedia = await call('POST', path, 'AutoRedaction=false');
    expect(clearMedia).toMatchObject({ status: 200, body: { auto_redaction: false, version: 2 } });
  });

  it('checks If-Match against the version and returns it as ETag', async () => {
    const created = await call('POST', '/v2/Services', 'UniqueName=etag');
    expect(created.headers.get('etag')).toBe('1');
    const path = `/v2/Services/${created.body?.sid as string}`;
    const updated = await call('POST', path, 'FriendlyName=one', { 'if-match': '"1"' });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('2');
    expect(await call('POST', path, 'FriendlyName=two', { 'if-match': '1' })).toMatchObject({ status: 412, body: { code: 20412 } });
    expect((await call('GET', path)).body).toMatchObject({ friendly_name: 'one', version: 2 });
  });

  it('rejects a repeated single-valued field instead of picking one', async () => {
    expect(await call('POST', '/v2/Services', 'UniqueName=a1&UniqueName=a2')).toMatchObject({ status: 400 });
    expectViolations('form parameter UniqueName');
  });

  it('lets a service take a freed unique name and keeps its own on update', async () => {
    const first = await call('POST', '/v2/Services', 'UniqueName=reusable');
    const path = `/v2/Services/${first.body?.sid as string}`;
    expect(await call('POST', path, 'UniqueName=reusable')).toMatchObject({ status: 200 });
    expect(await call('DELETE', path)).toMatchObject({ status: 204, body: undefined });
    expect(await call('DELETE', path)).toMatchObject({ status: 404 });
    expect(await call('POST', '/v2/Services', 'UniqueName=reusable')).toMatchObject({ status: 201 });
  });

  it('rejects bad paging parameters', async () => {
    expect(await call('GET', '/v2/Services?PageSize=1001')).toMatchObject({ status: 400 });
    expect(await call('GET', '/v2/Services?PageToken=garbage')).toMatchObject({ status: 400 });
    expectViolations('query parameter PageSize');
  });

  it('reports request and resource counts at /emulator/stats, behind auth', async () => {
    expect((await call('GET', '/emulator/stats', undefined, { authorization: '' })).status).toBe(401);
    const { status, body } = await call('GET', '/emulator/stats');
    expect(status).toBe(200);
    const stats = body as { requests: Record<string, number>; created: Record<string, number>; deleted: Record<string, number> };
    expect(stats.requests['POST /v2/Services']).toBeGreaterThan(5);
    expect(stats.requests['GET /v2/Services/{Sid}']).toBeGreaterThan(0);
    expect(stats.requests['GET (unmatched)']).toBeGreaterThan(0);
    expect(stats.created.services).toBe(4); // fixed-language, etag, reusable twice; failed creates do not count
    expect(stats.deleted.services).toBe(1);
  });
});
