// Language Operators v3 through the official SDK's client.intelligence.v3, every exchange checked against the v3 spec.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, useTestEmulator } from '../support/emulator.js';
import { rejection, sdkClient } from '../support/sdk.js';
import {
  raw,
  sdkObject,
  setVersionStatus,
  SENTIMENT_OPERATOR_ID,
  SUMMARY_OPERATOR_ID,
  type Client,
  type OperatorBody,
} from './v3-support.js';

const CATEGORY: OperatorBody = {
  displayName: 'Call category',
  description: 'What the call was about',
  prompt: 'Classify the call for {{parameters.team}} and explain why.',
  outputFormat: 'JSON',
  outputSchema: sdkObject({
    type: 'object',
    properties: { category: { type: 'string', enum: ['BILLING', 'TECHNICAL'] }, reason: { type: 'string' } },
  }),
  trainingExamples: [{ input: 'my invoice is wrong', output: '{"category": "BILLING", "reason": "invoice"}' }],
  parameters: { team: { type: 'STRING', default: 'support', description: 'The team reading the result' } },
};

describe('v3 operators through the official twilio SDK', () => {
  const emulator = useTestEmulator();
  let client: Client;

  beforeAll(() => {
    client = sdkClient(emulator);
  });

  it('creates an operator (201 + ETag), fetches it, and every PUT with a current If-Match makes a new version', async () => {
    const created = await client.intelligence.v3.operators.createWithHttpInfo(CATEGORY);
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('1');
    const id = created.body.id ?? '';
    expect(id).toMatch(/^intelligence_operator_[0-7][0-9a-z]{25}$/);
    expect(created.body).toMatchObject({
      displayName: 'Call category',
      version: 1,
      author: 'SELF',
      outputFormat: 'JSON',
      prompt: CATEGORY.prompt,
    });
    expect(created.body.context).toMatchObject({ memory: { enabled: false }, knowledge: { enabled: false } });

    const fetched = await client.intelligence.v3.operators(id).fetchWithHttpInfo();
    expect(fetched.headers.etag).toBe('1');
    expect(fetched.body.trainingExamples?.[0]?.input).toBe('my invoice is wrong');

    // The SDK declares If-Match but does not wire it: it goes in update()'s headers argument.
    const updated = await client.intelligence.v3.operators(id).updateWithHttpInfo({ ...CATEGORY, description: 'v2' }, { 'If-Match': '1' });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe('2');
    expect(updated.body).toMatchObject({ version: 2, description: 'v2' });
    const quoted = await client.intelligence.v3.operators(id).update({ ...CATEGORY, description: 'v3' }, { 'If-Match': '"2"' });
    expect(quoted.version).toBe(3);

    const stale = await rejection(client.intelligence.v3.operators(id).update({ ...CATEGORY, description: 'lost' }, { 'If-Match': '2' }));
    expect(stale).toMatchObject({ status: 412, code: 20412 });
    expect(stale.message).toContain('current version 3');
    expect((await client.intelligence.v3.operators(id).fetch()).description).toBe('v3');

    const unconditional = await client.intelligence.v3.operators(id).update({ ...CATEGORY, description: 'v4' });
    expect(unconditional.version).toBe(4);

    const versions = await client.intelligence.v3.versions(id).list();
    expect(versions.map((version) => [version.version, version.status])).toEqual([
      [4, 'ACTIVE'],
      [3, 'ACTIVE'],
      [2, 'ACTIVE'],
      [1, 'ACTIVE'],
    ]);
    const first = await client.intelligence.v3.versions(id, 1).fetch();
    expect(first).toMatchObject({ version: 1, status: 'ACTIVE', description: 'What the call was about' });
    expect(first.dateCreated).toBeInstanceOf(Date);
    expect((await rejection(client.intelligence.v3.versions(id, 9).fetch())).status).toBe(404);
  });

  it('pages operators and versions with pageSize and pageToken', async () => {
    for (const n of [1, 2, 3]) await client.intelligence.v3.operators.create({ ...CATEGORY, displayName: `paged ${n}` });
    const all = await client.intelligence.v3.operators.list();
    const firstPage = await client.intelligence.v3.operators.page({ pageSize: 2 });
    expect(firstPage.instances).toHaveLength(2);
    expect(firstPage.pageSize).toBe(2);
    expect(firstPage.key).toBe('items');
    expect(firstPage.previousToken).toBeUndefined();
    const secondPage = await firstPage.nextPage();
    expect(secondPage?.instances.map((operator) => operator.id)).toEqual(all.slice(2, 4).map((operator) => operator.id));
    const back = await secondPage?.previousPage();
    expect(back?.instances.map((operator) => operator.id)).toEqual(all.slice(0, 2).map((operator) => operator.id));
    const listed = await client.intelligence.v3.operators.list({ pageSize: 2 });
    expect(listed.map((operator) => operator.id)).toEqual(all.map((operator) => operator.id));

    const id = all[all.length - 1]?.id ?? '';
    for (const description of ['b', 'c']) await client.intelligence.v3.operators(id).update({ ...CATEGORY, description });
    const versions = await client.intelligence.v3.versions(id).list({ pageSize: 1 });
    expect(versions.map((version) => version.version)).toEqual([3, 2, 1]);

    const tooBig = await raw(emulator, 'GET', '/v3/ControlPlane/Operators?pageSize=1001');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toMatchObject({ httpStatusCode: 400, userError: true, params: { field: 'pageSize' } });
  });

  it('offers Twilio-authored Sentiment and Summary with fixed IDs, prompts omitted, not changeable', async () => {
    const sentiment = await client.intelligence.v3.operators(SENTIMENT_OPERATOR_ID).fetch();
    expect(sentiment).toMatchObject({
      author: 'TWILIO',
      outputFormat: 'CLASSIFICATION',
      displayName: 'Sentiment Analysis',
      prompt: undefined,
    });
    expect(sentiment.trainingExamples).toBeNull();
    const summary = await client.intelligence.v3.operators(SUMMARY_OPERATOR_ID).fetch();
    expect(summary).toMatchObject({ author: 'TWILIO', outputFormat: 'TEXT', prompt: undefined });
    const listed = await client.intelligence.v3.operators.list();
    expect(listed.filter((operator) => operator.author === 'TWILIO').map((operator) => operator.id)).toEqual([
      SENTIMENT_OPERATOR_ID,
      SUMMARY_OPERATOR_ID,
    ]);
    const refused = await rejection(client.intelligence.v3.operators(SENTIMENT_OPERATOR_ID).update({ ...CATEGORY }));
    expect(refused.status).toBe(400);
    expect((await rejection(client.intelligence.v3.operators(SUMMARY_OPERATOR_ID).remove())).status).toBe(400);
  });

  it('sets a version lifecycle status through the emulator-only control endpoint', async () => {
    const operator = await client.intelligence.v3.operators.create(CATEGORY);
    const id = operator.id ?? '';
    await client.intelligence.v3.operators(id).update({ ...CATEGORY, description: 'second' });
    const deprecated = await setVersionStatus(emulator, id, 1, 'DEPRECATED');
    expect(deprecated.status).toBe(200);
    expect(deprecated.body).toMatchObject({ version: 1, status: 'DEPRECATED' });
    await setVersionStatus(emulator, id, 2, 'PREVIEW');
    const [second, first] = await client.intelligence.v3.versions(id).list();
    expect(first?.status).toBe('DEPRECATED');
    expect(first?.dateDeprecated).toBeInstanceOf(Date);
    expect(first?.retirementDate).toBeInstanceOf(Date);
    expect(second?.status).toBe('PREVIEW');
    await setVersionStatus(emulator, id, 1, 'RETIRED');
    const retired = await client.intelligence.v3.versions(id, 1).fetch();
    expect(retired.status).toBe('RETIRED');
    expect((await setVersionStatus(emulator, id, 1, 'GONE')).status).toBe(400);
    expect((await setVersionStatus(emulator, id, 7, 'ACTIVE')).status).toBe(404);
  });

  it('deletes an operator (204); then it is gone (404 with the v3 error body)', async () => {
    const operator = await client.intelligence.v3.operators.create(CATEGORY);
    const id = operator.id ?? '';
    const removed = await client.intelligence.v3.operators(id).removeWithHttpInfo();
    expect(removed.statusCode).toBe(204);
    const gone = await rejection(client.intelligence.v3.operators(id).fetch());
    expect(gone).toMatchObject({ status: 404, code: 20404 });
    const body = await raw(emulator, 'GET', `/v3/ControlPlane/Operators/${id}`);
    expect(body.body).toEqual({
      code: 20404,
      message: `Operator ${id} was not found`,
      httpStatusCode: 404,
      userError: true,
      params: { twilioErrorCodeUrl: 'https://www.twilio.com/docs/errors/20404' },
    });
  });
});

describe('v3 operator bodies the spec refuses', () => {
  const emulator = useTestEmulator();
  let client: Client;

  beforeAll(() => {
    client = sdkClient(emulator);
  });

  async function refusal(body: unknown): Promise<{ status: number; message: string }> {
    return rejection(client.intelligence.v3.operators.create(body as Parameters<Client['intelligence']['v3']['operators']['create']>[0]));
  }

  const nested = (levels: number): Record<string, unknown> =>
    levels === 1 ? { type: 'string' } : { type: 'object', properties: { inner: nested(levels - 1) } };

  const refusals: [string, Record<string, unknown>, string][] = [
    ['a 129-character displayName', { ...CATEGORY, displayName: 'x'.repeat(129) }, 'displayName'],
    ['a missing prompt', { ...CATEGORY, prompt: undefined }, 'prompt'],
    ['an unknown outputFormat', { ...CATEGORY, outputFormat: 'EXTRACTION' }, 'outputFormat'],
    ['a snake_case field', { ...CATEGORY, output_format: 'JSON' }, 'output_format'],
    ['JSON without a schema', { ...CATEGORY, outputSchema: undefined }, 'outputSchema'],
    ['a schema whose root is not an object', { ...CATEGORY, outputSchema: { type: 'string' } }, 'outputSchema'],
    [
      'a schema with 101 properties',
      {
        ...CATEGORY,
        trainingExamples: [],
        outputSchema: {
          type: 'object',
          properties: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, { type: 'string' }])),
        },
      },
      'outputSchema.properties',
    ],
    ['a schema nested 11 levels deep', { ...CATEGORY, trainingExamples: [], outputSchema: nested(11) }, 'outputSchema.properties.inner'],
    [
      'a schema with 1001 enum values',
      {
        ...CATEGORY,
        trainingExamples: [],
        outputSchema: { type: 'object', properties: { pick: { type: 'string', enum: Array.from({ length: 1001 }, (_, i) => `v${i}`) } } },
      },
      'outputSchema.properties.pick.enum',
    ],
    [
      'an unsupported schema keyword',
      { ...CATEGORY, outputSchema: { type: 'object', properties: { reason: { type: 'string', maxLength: 5 } } } },
      'outputSchema.properties.reason.maxLength',
    ],
    ['a prompt naming an undeclared parameter', { ...CATEGORY, prompt: 'Rate from 0 to {{parameters.scale}}' }, 'prompt'],
    [
      'a parameter default of the wrong type',
      { ...CATEGORY, parameters: { team: { type: 'INTEGER', default: 'five' } } },
      'parameters.team.default',
    ],
    [
      'a training example that does not match the schema',
      { ...CATEGORY, trainingExamples: [{ input: 'x', output: '{"category": "OTHER"}' }] },
      'trainingExamples[0].output',
    ],
  ];

  it.each(refusals.map(([name, body, field]) => ({ name, body, field })))(
    'answers $name with a 400 naming $field',
    async ({ body, field }) => {
      const error = await refusal(body);
      expect(error.status).toBe(400);
      expect(error.message).toContain(field);
    },
  );

  it('accepts exactly the limits: 100 properties, 10 levels, 1000 enum values, a 128-character name', async () => {
    const properties = Object.fromEntries(Array.from({ length: 99 }, (_, i) => [`p${i}`, { type: 'string' }]));
    const operator = await client.intelligence.v3.operators.create({
      ...CATEGORY,
      displayName: 'x'.repeat(128),
      trainingExamples: [],
      outputSchema: sdkObject({
        type: 'object',
        properties: { ...properties, pick: { type: 'string', enum: Array.from({ length: 1000 }, (_, i) => `v${i}`) } },
      }),
    });
    expect(operator.version).toBe(1);
    expect(
      (await client.intelligence.v3.operators.create({ ...CATEGORY, trainingExamples: [], outputSchema: sdkObject(nested(10)) })).version,
    ).toBe(1);
  });

  it('answers a form-encoded body with 415 and the v3 error body, and broken JSON with 400', async () => {
    const form = await raw(
      emulator,
      'POST',
      '/v3/ControlPlane/Operators',
      'displayName=x&prompt=y&outputFormat=TEXT',
      'application/x-www-form-urlencoded',
    );
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ code: 20415, httpStatusCode: 415, userError: true });
    const broken = await raw(emulator, 'POST', '/v3/ControlPlane/Operators', '{"displayName":');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ httpStatusCode: 400, message: 'The request body is not valid JSON' });
  });

  it('answers wrong credentials on v3 with 401 in the v3 error body', async () => {
    const intruder = sdkClient(emulator, emulator.accountSid, 'not-the-token');
    expect(await rejection(intruder.intelligence.v3.operators.list())).toMatchObject({ status: 401, code: 20003 });
  });
});

describe('v3 state in the state file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ci-emulator-v3-state-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps operators with their versions and lifecycle status, and configurations, across a restart', async () => {
    const stateFile = join(directory, 'state.json');
    const first = await startTestEmulator({ stateFile });
    const before = sdkClient(first);
    const operator = await before.intelligence.v3.operators.create(CATEGORY);
    const id = operator.id ?? '';
    await before.intelligence.v3.operators(id).update({ ...CATEGORY, description: 'second' }, { 'If-Match': '1' });
    await setVersionStatus(first, id, 1, 'DEPRECATED');
    const configuration = await before.intelligence.v3.configurations.create({ displayName: 'kept', rules: [] });
    await first.close();
    expect(first.violations).toEqual([]);

    const second = await startTestEmulator({ stateFile });
    const after = sdkClient(second);
    expect((await after.intelligence.v3.operators(id).fetch()).version).toBe(2);
    expect((await after.intelligence.v3.versions(id).list()).map((version) => version.status)).toEqual(['ACTIVE', 'DEPRECATED']);
    expect((await after.intelligence.v3.configurations(configuration.id ?? '').fetch()).displayName).toBe('kept');
    expect((await after.intelligence.v3.operators.list()).filter((listed) => listed.author === 'TWILIO')).toHaveLength(2);
    await second.close();
    expect(second.violations).toEqual([]);
  });
});
