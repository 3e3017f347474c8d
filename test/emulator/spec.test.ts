// The spec checker must itself be trustworthy: it compiles every operation and catches real mistakes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/emulator/index.js';
import { SPEC_FILES, specChecker } from '../support/emulator.js';

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };
const ORIGIN = 'http://127.0.0.1:4010';
const ACCOUNT = 'AC00000000000000000000000000000001';
const SERVICE = 'GA00000000000000000000000000000001';

function exchange(overrides: Partial<Exchange>): Exchange {
  return {
    method: 'GET',
    path: '/v2/Services/GA00000000000000000000000000000000',
    query: {},
    form: {},
    headers: { host: '127.0.0.1:4010' },
    status: 200,
    body: {},
    responseHeaders: JSON_HEADERS,
    ...overrides,
  };
}

const validate = (overrides: Partial<Exchange>) => specChecker().validate(exchange(overrides));

describe('the spec checker', () => {
  it('compiles the response schema of every operation in every spec file', () => {
    for (const file of SPEC_FILES) {
      const spec = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, { responses?: object }>> };
      for (const [template, item] of Object.entries(spec.paths)) {
        for (const method of ['get', 'post', 'delete']) {
          for (const status of Object.keys(item[method]?.responses ?? {})) {
            const path = template.replace(/\{[^}]+\}/g, 'XX00000000000000000000000000000000');
            const body = status === '204' ? undefined : {};
            expect(() => validate({ method: method.toUpperCase(), path, status: Number(status), body })).not.toThrow();
          }
        }
      }
    }
  });

  it('reports wrong response types, formats and undocumented statuses', () => {
    const body = { sid: 'GA1', version: '2', date_created: 'yesterday', url: 'not a url' };
    expect(validate({ body })).toEqual([
      'response body/date_created must match format "date-time"',
      'response body/url must match format "uri"',
      'response body/version must be integer',
    ]);
    expect(validate({ status: 201 })).toEqual(['status 201 is not a documented response (200)']);
    expect(validate({ method: 'DELETE', status: 204 })).toEqual(['status 204 must have no body']);
  });

  it('reports unknown and mistyped request parameters', () => {
    const list = { path: '/v2/Operators', query: { Availability: 'bogus', PageSize: 'x', Colour: 'red' }, body: { operators: [] } };
    expect(validate(list)).toEqual([
      'query parameter Availability must be equal to one of the allowed values',
      'query parameter PageSize must be integer',
      'query parameter Colour is not defined for this operation',
    ]);
    expect(validate({ form: { FriendlyName: 'x' } })).toEqual(['form body (FriendlyName) not accepted by this operation']);
  });

  it('checks the Twilio error body on errors and ignores emulator-only paths', () => {
    expect(validate({ status: 404, body: { code: 20404, message: 'm', more_info: 'u', status: 404 } })).toEqual([]);
    expect(validate({ status: 500, body: { code: '1', message: 'm', more_info: 'u', status: 500 } })).toEqual([
      'error body field code must be a number',
    ]);
    expect(validate({ path: '/emulator/stats', body: 'anything', responseHeaders: {} })).toEqual([]);
  });

  it('validates the api.v2010 Recording and IncomingPhoneNumber paths', () => {
    const recording = { path: `/2010-04-01/Accounts/${ACCOUNT}/Recordings/RE00000000000000000000000000000001.json` };
    expect(validate({ ...recording, body: { sid: 'RE1', duration: 7 } })).toEqual([
      'response body/duration must be string',
      'response body/sid must NOT have fewer than 34 characters',
      'response body/sid must match pattern "^RE[0-9a-fA-F]{32}$"',
    ]);
    const update = { method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT}/IncomingPhoneNumbers/PN00000000000000000000000000000001.json` };
    expect(validate({ ...update, form: { VoiceMethod: 'PUT', Colour: 'red' }, body: {} })).toEqual([
      'form parameter VoiceMethod must be equal to one of the allowed values',
      'form parameter Colour is not defined for this operation',
    ]);
  });

  it('checks response headers: the JSON media type, WWW-Authenticate on 401, Allow on 405, documented header types', () => {
    expect(validate({ responseHeaders: { 'Content-Type': 'text/html' } })).toEqual(['a JSON body is sent with Content-Type text/html']);
    expect(validate({ method: 'DELETE', status: 204, body: undefined, responseHeaders: JSON_HEADERS })).toEqual([
      'a response without a body has Content-Type application/json; charset=utf-8',
    ]);
    const error = { code: 20003, message: 'Authenticate', more_info: 'u', status: 401 };
    expect(validate({ status: 401, body: error })).toEqual(['a 401 must carry WWW-Authenticate: Basic realm="Twilio API"']);
    expect(validate({ method: 'PUT', status: 405, body: { ...error, code: 20004, status: 405 } })).toEqual([
      'a 405 must carry an Allow header',
    ]);
    const v3Create = { method: 'POST', path: '/v3/ControlPlane/Operators', status: 201, body: {} };
    expect(validate({ ...v3Create, responseHeaders: { ...JSON_HEADERS, ETag: 'abc' } })).toContain('response header ETag must be integer');
  });

  it('checks paging meta: page links lead back to the list with its filters, page numbers and sizes add up', () => {
    const listUrl = `${ORIGIN}/v2/Transcripts`;
    const good = {
      page: 1,
      page_size: 2,
      key: 'transcripts',
      url: `${listUrl}?ServiceSid=${SERVICE}&PageSize=2&Page=1&PageToken=PA2`,
      first_page_url: `${listUrl}?ServiceSid=${SERVICE}&PageSize=2&Page=0`,
      next_page_url: `${listUrl}?ServiceSid=${SERVICE}&PageSize=2&Page=2&PageToken=PA4`,
      previous_page_url: `${listUrl}?ServiceSid=${SERVICE}&PageSize=2&Page=0&PageToken=PB3`,
    };
    const query = { ServiceSid: SERVICE, PageSize: '2', Page: '1', PageToken: 'PA2' };
    const list = (meta: object, transcripts: unknown[] = [{}, {}]) =>
      validate({ path: '/v2/Transcripts', query, body: { transcripts, meta } });
    expect(list(good).filter((violation) => !violation.startsWith('response body'))).toEqual([]);
    expect(list({ ...good, key: 'items' })).toContain("meta.key 'items' names no list in the body");
    expect(list({ ...good, next_page_url: `${ORIGIN}/v2/Services?PageSize=2&Page=2` })).toEqual(
      expect.arrayContaining([
        `meta.next_page_url ${ORIGIN}/v2/Services?PageSize=2&Page=2 does not lead to /v2/Transcripts`,
        'meta.next_page_url drops or changes the filter ServiceSid',
      ]),
    );
    expect(list({ ...good, page_size: 50 })).toContain('meta.page_size 50 is not the PageSize asked for (2)');
    expect(list(good, [{}])).toContain('meta.next_page_url is set on a page that is not full');
    expect(list({ ...good, url: `http://elsewhere${good.url.slice(ORIGIN.length)}` })).toContain(
      `meta.url http://elsewhere/v2/Transcripts?ServiceSid=${SERVICE}&PageSize=2&Page=1&PageToken=PA2 is not on ${ORIGIN}`,
    );
  });

  it('checks api.v2010 paging: uri, start and end', () => {
    const base = `/2010-04-01/Accounts/${ACCOUNT}/IncomingPhoneNumbers.json`;
    const body = {
      incoming_phone_numbers: [],
      uri: `${base}?PageSize=50&Page=0`,
      first_page_uri: `${base}?PageSize=50&Page=0`,
      next_page_uri: null,
      previous_page_uri: null,
      page: 0,
      page_size: 50,
      start: 0,
      end: 0,
    };
    expect(validate({ path: base, body })).toEqual([]);
    expect(validate({ path: base, query: { PageSize: '20' }, body })).toContain('page_size 50 is not the PageSize asked for (20)');
    expect(validate({ path: base, query: { PhoneNumber: '+15005550001' }, body })).toContain('uri drops or changes the filter PhoneNumber');
    expect(validate({ path: base, body: { ...body, start: 5 } })).toContain('start 5 is not page × page_size (0)');
  });
});
