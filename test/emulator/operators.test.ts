// Operator endpoints through the official twilio SDK (and plain HTTP where the SDK cannot go),
// every exchange checked against Twilio's OpenAPI description.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, useTestEmulator } from '../support/emulator.js';
import { rejection, sdkClient } from '../support/sdk.js';
import { tempDir } from '../support/temp.js';

const SUMMARY = 'LY00000000000000000000000000000001';
const SENTIMENT = 'LY00000000000000000000000000000002';
const UNKNOWN_OPERATOR = 'LYffffffffffffffffffffffffffffffff';

const SEED_CONFIG = {
  prompt: 'Classify the feedback as category pricing/other and the emotion as positive/neutral/negative.',
  json_result_schema: { type: 'object', properties: { category: { type: 'string' }, emotion: { type: 'string' } } },
  examples: [
    { input: 'How much your product?', output: '{"category":"pricing","emotion":"neutral"}' },
    { input: 'We cannot find your products.', output: '{"category":"other","emotion":"negative"}' },
  ],
};

describe('operators in the emulator', () => {
  const emulator = useTestEmulator();
  let client: ReturnType<typeof sdkClient>;

  beforeAll(() => {
    client = sdkClient(emulator);
  });

  async function call(method: string, path: string, form?: Record<string, string>, headers: Record<string, string> = {}) {
    const authorization = `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`;
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { authorization, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
    };
  }
  const get = (path: string) => call('GET', path);

  it('lists the pre-built catalogue, filtered by availability and language, across pages', async () => {
    const prebuilt = await client.intelligence.v2.prebuiltOperators.list({ pageSize: 3 });
    const names = prebuilt.map((operator) => operator.friendlyName);
    expect(names).toEqual(
      expect.arrayContaining([
        'Conversation Summary',
        'Sentiment Analysis',
        'Entity Recognition',
        'Agent Introduction',
        'Escalation Request',
        'Recording Disclosure',
        'Voicemail Detection',
      ]),
    );
    expect(prebuilt[0]).toMatchObject({
      sid: SUMMARY,
      author: 'twilio',
      operatorType: 'Summarization',
      availability: 'general-availability',
    });
    const beta = await client.intelligence.v2.prebuiltOperators.list({ availability: 'beta' });
    expect(beta.map((operator) => operator.friendlyName)).toContain('Voicemail Detection');
    expect(beta.every((operator) => operator.availability === 'beta')).toBe(true);
    const japanese = await client.intelligence.v2.operators.list({ languageCode: 'ja-JP' });
    expect(japanese.map((operator) => operator.friendlyName)).toEqual(['Conversation Summary', 'Sentiment Analysis']);
    const fetched = await client.intelligence.v2.prebuiltOperators(SENTIMENT).fetch();
    expect(fetched).toMatchObject({ friendlyName: 'Sentiment Analysis', operatorType: 'ConversationClassify', config: {} });
  });

  it('answers a bad Availability filter with 400', async () => {
    expect(emulator.violations).toEqual([]);
    expect(await get('/v2/Operators?Availability=someday')).toMatchObject({ status: 400, body: { code: 20001 } });
    expect(emulator.violations).toEqual([
      expect.stringContaining('query parameter Availability must be equal to one of the allowed values'),
    ]);
    emulator.violations.length = 0; // the request broke the spec on purpose; the emulator refused it
  });

  it('answers unknown operators with 404, and a pre-built SID is not a custom operator', async () => {
    expect(await rejection(client.intelligence.v2.operators(UNKNOWN_OPERATOR).fetch())).toMatchObject({ status: 404, code: 20404 });
    expect(await rejection(client.intelligence.v2.customOperators(SUMMARY).fetch())).toMatchObject({ status: 404 });
    expect(await rejection(client.intelligence.v2.customOperators(SUMMARY).remove())).toMatchObject({ status: 404 });
    expect(await rejection(client.intelligence.v2.prebuiltOperators(UNKNOWN_OPERATOR).fetch())).toMatchObject({ status: 404 });
    expect(await get('/v2/Operators/not-a-sid')).toMatchObject({ status: 404 });
  });

  it('sends an ETag with custom operators and accepts a quoted If-Match', async () => {
    const config = JSON.stringify({ prompt: 'p' });
    const created = await call('POST', '/v2/Operators/Custom', { FriendlyName: 'etag', OperatorType: 'Generative', Config: config });
    expect(created).toMatchObject({ status: 202, etag: '1' });
    const path = `/v2/Operators/Custom/${String(created.body.sid)}`;
    expect(await get(path)).toMatchObject({ status: 200, etag: '1' });
    expect(await call('POST', path, { FriendlyName: 'etag 2', Config: config }, { 'if-match': '"1"' })).toMatchObject({
      status: 202,
      etag: '2',
      body: { version: 2 },
    });
    expect(await call('POST', path, { FriendlyName: 'etag 3', Config: config }, { 'if-match': '1' })).toMatchObject({
      status: 412,
      body: { code: 20412 },
    });
    expect(await call('POST', path, { FriendlyName: 'etag 3', Config: '{not json' })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^Invalid Config: not valid JSON/) as unknown },
    });
    expect(await call('DELETE', path)).toMatchObject({ status: 204 });
  });

  it('serves operator types with config schemas, by SID or by name', async () => {
    const types = await client.intelligence.v2.operatorType.list();
    const generativeJson = types.find((type) => type.name === 'GenerativeJSON');
    expect(generativeJson).toMatchObject({ outputType: 'json', configurable: true });
    expect(generativeJson?.configSchema).toMatchObject({ required: ['prompt', 'json_result_schema'] });
    expect(types.find((type) => type.name === 'Generative')).toMatchObject({ outputType: 'text-generation', configurable: true });
    const byName = await client.intelligence.v2.operatorType('Generative').fetch();
    expect((await client.intelligence.v2.operatorType(byName.sid).fetch()).name).toBe('Generative');
    expect(await rejection(client.intelligence.v2.operatorType('Nope').fetch())).toMatchObject({ status: 404, code: 20404 });
    const japanese = await client.intelligence.v2.operatorType.list({ languageCode: 'ja' });
    expect(japanese.map((type) => type.name)).toEqual(['Summarization', 'Generative', 'GenerativeJSON']);
  });

  it('creates, updates with If-Match, and deletes a GenerativeJSON operator', async () => {
    const created = await client.intelligence.v2.customOperators.create({
      friendlyName: 'Feedback',
      operatorType: 'GenerativeJSON',
      config: SEED_CONFIG,
    });
    expect(created).toMatchObject({
      friendlyName: 'Feedback',
      operatorType: 'GenerativeJSON',
      version: 1,
      author: emulator.accountSid,
      config: SEED_CONFIG,
    });
    expect(created.sid).toMatch(/^LY[0-9a-f]{32}$/);

    const updated = await client.intelligence.v2
      .customOperators(created.sid)
      .update({ friendlyName: 'Feedback v2', config: SEED_CONFIG, ifMatch: '1' });
    expect(updated).toMatchObject({ friendlyName: 'Feedback v2', version: 2 });
    const stale = await rejection(
      client.intelligence.v2.customOperators(created.sid).update({ friendlyName: 'x', config: SEED_CONFIG, ifMatch: '1' }),
    );
    expect(stale).toMatchObject({ status: 412, code: 20412 });
    expect(stale.message).toContain('version 2');

    const listed = await client.intelligence.v2.operators.list();
    expect(listed.map((operator) => operator.sid)).toContain(created.sid);
    expect((await client.intelligence.v2.customOperators.list()).map((operator) => operator.sid)).toEqual([created.sid]);
    expect((await client.intelligence.v2.operators(created.sid).fetch()).friendlyName).toBe('Feedback v2');

    expect(await client.intelligence.v2.customOperators(created.sid).remove()).toBe(true);
    expect(await rejection(client.intelligence.v2.customOperators(created.sid).fetch())).toMatchObject({ status: 404 });
  });

  it('refuses a Config that breaks the type schema with 400 naming the field', async () => {
    const noSchema = await rejection(
      client.intelligence.v2.customOperators.create({ friendlyName: 'x', operatorType: 'GenerativeJSON', config: { prompt: 'p' } }),
    );
    expect(noSchema).toMatchObject({ status: 400, code: 20001 });
    expect(noSchema.message).toContain("missing required field 'json_result_schema'");
    const badExamples = await rejection(
      client.intelligence.v2.customOperators.create({
        friendlyName: 'x',
        operatorType: 'Generative',
        config: { prompt: 'p', examples: [{ input: 'a' }], extra: 1 },
      }),
    );
    expect(badExamples.message).toContain("/examples/0 is missing required field 'output'");
    expect(badExamples.message).toContain("unknown field 'extra'");
    const notConfigurable = await rejection(
      client.intelligence.v2.customOperators.create({ friendlyName: 'x', operatorType: 'Summarization', config: {} }),
    );
    expect(notConfigurable.message).toContain('not configurable');
    const longName = await rejection(
      client.intelligence.v2.customOperators.create({ friendlyName: 'n'.repeat(65), operatorType: 'Generative', config: { prompt: 'p' } }),
    );
    expect(longName.message).toContain('at most 64');
  });

  it('attaches and detaches operators on a service, in attach order, with 404s for unknowns', async () => {
    const service = await client.intelligence.v2.services.create({ uniqueName: 'with-operators' });
    const custom = await client.intelligence.v2.customOperators.create({
      friendlyName: 'Summary in one line',
      operatorType: 'Generative',
      config: { prompt: 'One line.' },
    });
    for (const sid of [SENTIMENT, SUMMARY, custom.sid, SENTIMENT]) {
      const attached = await client.intelligence.v2.operatorAttachment(service.sid, sid).create();
      expect(attached).toMatchObject({ serviceSid: service.sid, operatorSid: sid });
    }
    const attachments = await client.intelligence.v2.operatorAttachments(service.sid).fetch();
    expect(attachments.operatorSids).toEqual([SENTIMENT, SUMMARY, custom.sid]);
    expect((await client.intelligence.v2.services(service.sid).fetch()).readOnlyAttachedOperatorSids).toEqual([
      SENTIMENT,
      SUMMARY,
      custom.sid,
    ]);

    expect(await client.intelligence.v2.operatorAttachment(service.sid, SUMMARY).remove()).toBe(true);
    expect(await rejection(client.intelligence.v2.operatorAttachment(service.sid, SUMMARY).remove())).toMatchObject({ status: 404 });
    expect(await rejection(client.intelligence.v2.operatorAttachment(service.sid, UNKNOWN_OPERATOR).create())).toMatchObject({
      status: 404,
    });
    expect(
      await rejection(client.intelligence.v2.operatorAttachment('GA00000000000000000000000000000000', SUMMARY).create()),
    ).toMatchObject({ status: 404 });

    // Deleting a custom operator detaches it everywhere.
    await client.intelligence.v2.customOperators(custom.sid).remove();
    expect((await client.intelligence.v2.operatorAttachments(service.sid).fetch()).operatorSids).toEqual([SENTIMENT]);
  });
});

describe('operators in the state file', () => {
  const directory = tempDir('ci-emulator-operators-');
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps custom operators and attachments across a restart', async () => {
    const stateFile = join(directory, 'state.json');
    const first = await startTestEmulator({ stateFile });
    const before = sdkClient(first).intelligence.v2;
    const service = await before.services.create({ uniqueName: 'kept' });
    const custom = await before.customOperators.create({ friendlyName: 'Kept', operatorType: 'GenerativeJSON', config: SEED_CONFIG });
    await before.operatorAttachment(service.sid, SUMMARY).create();
    await before.operatorAttachment(service.sid, custom.sid).create();
    await first.close();

    const second = await startTestEmulator({ stateFile });
    const after = sdkClient(second).intelligence.v2;
    expect(await after.customOperators(custom.sid).fetch()).toMatchObject({ friendlyName: 'Kept', config: SEED_CONFIG, version: 1 });
    expect((await after.operatorAttachments(service.sid).fetch()).operatorSids).toEqual([SUMMARY, custom.sid]);
    await second.close();
    expect([...first.violations, ...second.violations]).toEqual([]);
  });
});
