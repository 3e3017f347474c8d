// The v3 half of the spec harness must itself be trustworthy: it compiles every v3 operation and catches real mistakes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/emulator/index.js';
import { validateExchange } from '../support/spec.js';

const spec = JSON.parse(readFileSync(new URL('../../.cache/twilio-oai/twilio_intelligence_v3.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
};

const RESULT_ID = 'intelligence_operatorresult_01aaaaaaaaaaaaaaaaaaaaaaaa';

function exchange(overrides: Partial<Exchange>): Exchange {
  return {
    method: 'GET',
    path: `/v3/OperatorResults/${RESULT_ID}`,
    query: {},
    form: {},
    headers: {},
    status: 200,
    body: {},
    responseHeaders: {},
    ...overrides,
  };
}

function result(outputFormat: string, body: unknown): Record<string, unknown> {
  return {
    id: RESULT_ID,
    accountId: 'AC00000000000000000000000000000001',
    outputFormat,
    intelligenceConfiguration: {
      id: 'intelligence_configuration_01aaaaaaaaaaaaaaaaaaaaaaaa',
      ruleId: 'intelligence_configurationrule_01aaaaaaaaaaaaaaaaaaaaaaaa',
      version: 1,
    },
    conversationId: 'conv_conversation_01aaaaaaaaaaaaaaaaaaaaaaaa',
    operator: { id: 'intelligence_operator_01aaaaaaaaaaaaaaaaaaaaaaaa', version: 1, parameters: {} },
    dateCreated: '2026-01-01T00:00:00Z',
    referenceIds: [],
    executionDetails: {
      trigger: { on: 'CONVERSATION_END', timestamp: '2026-01-01T00:00:00Z' },
      communications: { first: 'conv_communication_01aaaaaaaaaaaaaaaaaaaaaaaa', last: 'conv_communication_01aaaaaaaaaaaaaaaaaaaaaaaa' },
      channels: ['VOICE'],
      participants: [],
    },
    metadata: { system: { latencyMs: 1, inputCharacters: 1, outputCharacters: 1, inputTruncated: false } },
    result: body,
  };
}

describe('validateExchange on v3', () => {
  it('compiles the response schema of every v3 operation', () => {
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const method of ['get', 'post', 'put', 'delete']) {
        for (const status of Object.keys(item[method]?.responses ?? {})) {
          const path = template.replace(/\{[^}]+\}/g, 'x');
          expect(() => validateExchange(exchange({ method: method.toUpperCase(), path, status: Number(status) }))).not.toThrow();
        }
      }
    }
  });

  it('picks an OperatorResult schema by its outputFormat discriminator', () => {
    expect(validateExchange(exchange({ body: result('TEXT', { text: 'hi' }) }))).toEqual([]);
    expect(validateExchange(exchange({ body: result('JSON', { anything: 1 }) }))).toEqual([]);
    expect(validateExchange(exchange({ body: result('CLASSIFICATION', { label: 'POSITIVE' }) }))).toEqual([]);
    expect(validateExchange(exchange({ body: result('TEXT', { label: 'POSITIVE' }) }))).toContain(
      "response body/result must have required property 'text'",
    );
    expect(validateExchange(exchange({ body: result('SUMMARY', { text: 'x' }) })).length).toBeGreaterThan(0);
  });

  it('requires the declared ETag header and the v3 error body', () => {
    const create = {
      method: 'POST',
      path: '/v3/ControlPlane/Operators',
      status: 201,
      body: { id: 'intelligence_operator_01aaaaaaaaaaaaaaaaaaaaaaaa' },
    };
    expect(validateExchange(exchange(create))).toEqual(['response header ETag is declared but was not sent']);
    expect(validateExchange(exchange({ ...create, responseHeaders: { ETag: 'one' } }))).toEqual(['response header ETag must be integer']);
    expect(validateExchange(exchange({ ...create, responseHeaders: { ETag: '1' } }))).toEqual([]);
    const v2Error = { code: 20404, message: 'm', more_info: 'u', status: 404 };
    expect(validateExchange(exchange({ status: 404, body: v2Error }))).toEqual([
      "response body must have required property 'httpStatusCode'",
    ]);
    expect(validateExchange(exchange({ path: '/v3/Nowhere', status: 404, body: v2Error }))).toEqual([
      'error body field httpStatusCode must be a number',
      'error body field userError must be a boolean',
      'error body field params must be a object',
    ]);
  });

  it('holds a JSON body the emulator accepted to the spec, and a form body on v3 against the emulator', () => {
    const accepted = { method: 'POST', path: '/v3/ControlPlane/Configurations', status: 201, json: { displayName: 'x' } };
    expect(validateExchange(exchange(accepted))).toContain("request body must have required property 'rules'");
    expect(validateExchange(exchange({ ...accepted, status: 400, body: { code: 20001, message: 'm', httpStatusCode: 400 } }))).toEqual([]);
    expect(validateExchange(exchange({ form: { displayName: 'x' }, status: 200, body: result('TEXT', { text: 'x' }) }))).toEqual([
      'a form body was accepted by a JSON-only operation',
    ]);
  });
});
