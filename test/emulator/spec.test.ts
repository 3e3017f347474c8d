// The validator must itself be trustworthy: it compiles every operation and catches real mistakes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/emulator/index.js';
import { validateExchange } from '../support/spec.js';

const spec = JSON.parse(readFileSync(new URL('../../.cache/twilio-oai/twilio_intelligence_v2.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
};

function exchange(overrides: Partial<Exchange>): Exchange {
  return {
    method: 'GET',
    path: '/v2/Services/GA0',
    query: {},
    form: {},
    headers: {},
    status: 200,
    body: {},
    responseHeaders: {},
    ...overrides,
  };
}

describe('validateExchange', () => {
  it('compiles the response schema of every operation in the spec', () => {
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const method of ['get', 'post', 'delete']) {
        for (const status of Object.keys(item[method]?.responses ?? {})) {
          const path = template.replace(/\{[^}]+\}/g, 'XX00000000000000000000000000000000');
          const body = status === '204' ? undefined : {};
          expect(() => validateExchange(exchange({ method: method.toUpperCase(), path, status: Number(status), body }))).not.toThrow();
        }
      }
    }
  });

  it('reports wrong response types, formats and undocumented statuses', () => {
    const body = { sid: 'GA1', version: '2', date_created: 'yesterday', url: 'not a url' };
    expect(validateExchange(exchange({ body }))).toEqual([
      'response body/date_created must match format "date-time"',
      'response body/url must match format "uri"',
      'response body/version must be integer',
    ]);
    expect(validateExchange(exchange({ status: 201 }))).toEqual(['status 201 is not a documented response (200)']);
    expect(validateExchange(exchange({ method: 'DELETE', status: 204 }))).toEqual(['status 204 must have no body']);
  });

  it('reports unknown and mistyped request parameters', () => {
    const list = exchange({
      path: '/v2/Operators',
      query: { Availability: 'bogus', PageSize: 'x', Colour: 'red' },
      body: { operators: [] },
    });
    expect(validateExchange(list)).toEqual([
      'query parameter Availability must be equal to one of the allowed values',
      'query parameter PageSize must be integer',
      'query parameter Colour is not defined for this operation',
    ]);
    const fetch = exchange({ form: { FriendlyName: 'x' } });
    expect(validateExchange(fetch)).toEqual(['form body (FriendlyName) not accepted by this operation']);
  });

  it('checks the Twilio error body shape on errors and ignores emulator-only paths', () => {
    expect(validateExchange(exchange({ status: 404, body: { code: 20404, message: 'm', more_info: 'u', status: 404 } }))).toEqual([]);
    expect(validateExchange(exchange({ status: 500, body: { code: '1', message: 'm', more_info: 'u', status: 500 } }))).toEqual([
      'error body field code must be a number',
    ]);
    expect(validateExchange(exchange({ path: '/emulator/stats', body: 'anything' }))).toEqual([]);
  });
});
