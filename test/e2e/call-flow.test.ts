// The seed's whole flow, offline: call → record → transcript → operators → signed webhook → results.
import { beforeAll, expect, it } from 'vitest';
import { HOST_HEADER_WARNING } from '../../src/lib/webhooks/signed-server.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { ci } from '../support/cli.js';
import { sdkClient } from '../support/sdk.js';
import { SEED_CONFIG } from '../support/seed.js';
import { startCi } from '../support/serve-ci.js';
import { defined } from '../support/defined.js';

const emulator = useTestEmulator({ transcribeDelayMs: 300 });
let env: Record<string, string | undefined>;

beforeAll(() => {
  env = emulatorEnv(emulator);
});

it('emulator + ci serve + ci emulator call: the signed webhook arrives and --fetch-results prints the seed result', async () => {
  const sdk = sdkClient(emulator);
  const service = await sdk.intelligence.v2.services.create({ uniqueName: 'test-ci', languageCode: 'en-US' });
  const operator = await sdk.intelligence.v2.customOperators.create({
    friendlyName: 'test-operator',
    operatorType: 'GenerativeJSON',
    config: SEED_CONFIG,
  });
  await sdk.intelligence.v2.operatorAttachment(service.sid, operator.sid).create();

  const serve = await startCi(
    ['serve', '--service', 'test-ci', '--phone-number', '+15005550001', '--fetch-results', '--once', '--ndjson'],
    env,
  );
  expect(serve.first.phoneNumber).toBe('+15005550001');
  const [number] = await sdk.incomingPhoneNumbers.list({ phoneNumber: '+15005550001' });
  expect(number).toMatchObject({ voiceUrl: serve.first.voiceUrl, voiceMethod: 'POST' });
  const set = await ci(['webhook', 'set', 'test-ci', serve.first.webhookUrl as string, '--json'], { env });
  expect(set.code).toBe(0);
  expect(JSON.parse(set.stdout)).toMatchObject({ webhookUrl: serve.first.webhookUrl, webhookHttpMethod: 'POST' });

  // No --to: the emulator's number sends the call where `ci serve --phone-number` pointed it.
  const call = await ci(['emulator', 'call', '--json'], { env });
  expect(call.stderr).toBe('');
  expect(call.code).toBe(0);
  const steps = JSON.parse(call.stdout) as Array<Record<string, unknown>>;
  const callSid = defined(steps[0]).callSid as string;
  const recordingSid = defined(steps[0]).recordingSid as string;
  expect(steps.map((step) => step.step)).toEqual(['request', 'say', 'record', 'request', 'request', 'say', 'hangup']);
  expect(steps.filter((step) => step.step === 'request').map((step) => [step.detail, step.status])).toEqual([
    [`POST ${serve.first.voiceUrl}`, 200],
    [`POST ${serve.first.url}/recording-status`, 200],
    [`POST ${serve.first.voiceUrl}`, 200],
  ]);

  // --once: serve exits by itself after the first webhook and its results.
  expect(await serve.exited).toBe(0);
  const lines = serve
    .stdout()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const byEvent = (name: string) => lines.filter((line) => line.event === name);
  expect(byEvent('call')).toEqual([
    { event: 'call', callSid, from: '+15005550006', to: '+15005550001', recordingSid: null },
    { event: 'call', callSid, from: '+15005550006', to: '+15005550001', recordingSid },
  ]);
  const [transcript] = byEvent('transcript');
  expect(transcript).toEqual({
    event: 'transcript',
    outcome: 'created',
    transcriptSid: expect.stringMatching(/^GT/) as unknown,
    recordingSid,
    callSid,
  });
  expect(byEvent('webhook')).toEqual([
    expect.objectContaining({
      eventType: 'voice_intelligence_transcript_available',
      transcriptSid: defined(transcript).transcriptSid,
      customerKey: callSid,
      serviceSid: service.sid,
    }),
  ]);
  const [results] = byEvent('results');
  const json = (defined(results).operatorResults as Array<Record<string, unknown>>).find((result) => result.operatorType === 'json');
  expect(json).toMatchObject({ name: 'test-operator', jsonResults: { category: 'other', emotion: 'negative' } });
  // Started before `ci webhook set`, it said so, with the command that was then run.
  expect(serve.stderr()).toBe(
    `warning: ${HOST_HEADER_WARNING}\nwarning: the webhook URL of service test-ci is not set, not at this server; to point it here: ci webhook set test-ci ${String(serve.first.webhookUrl)}\n`,
  );
});

it('ci webhook set refuses a bad URL, method or service', async () => {
  expect((await ci(['webhook', 'set', 'test-ci', 'not a url'], { env })).code).toBe(2);
  expect((await ci(['webhook', 'set', 'test-ci', 'https://example.com/hook', '--method', 'PUT'], { env })).code).toBe(2);
  expect((await ci(['webhook', 'set', 'no-such-service', 'https://example.com/hook'], { env })).code).toBe(4);
  const get = await ci(
    ['webhook', 'set', 'test-ci', 'https://example.com/hook', '--method', 'get', '--fields', 'webhookUrl,webhookHttpMethod', '--no-header'],
    { env },
  );
  expect(get.stdout).toBe('https://example.com/hook\tGET\n');
});

it('ci emulator call refuses bad input and reports a handler that refuses it', async () => {
  expect((await ci(['emulator', 'call', '--to', 'not-a-url'], { env })).code).toBe(2);
  expect((await ci(['emulator', 'call', '--number', '555'], { env })).code).toBe(2);
  expect((await ci(['emulator', 'call', '--number', '+15005550009'], { env })).code).toBe(4);
  expect((await ci(['emulator', 'call', '--say', 'hi', '--recording', 'RE' + 'f'.repeat(32)], { env })).code).toBe(2);
  const againstTwilio = await ci(['emulator', 'call'], { env: { ...env, TWILIO_CI_API_URL: undefined } });
  expect(againstTwilio.code).toBe(2);
  expect(againstTwilio.stderr).toMatch(/needs a local emulator/);
  const tunnelMissing = await ci(['serve', '--service', 'test-ci', '--phone-number', '+15005550001'], {
    env: { ...env, TWILIO_CI_API_URL: undefined },
  });
  expect(tunnelMissing.code).toBe(2);
  expect(tunnelMissing.stderr).toMatch(/--public-url/);
  expect((await ci(['emulator', 'call', '--to', 'http://127.0.0.1:9/x', '--recording', 'RE1'], { env })).code).toBe(2);
  expect((await ci(['emulator', 'call', '--to', 'http://127.0.0.1:9/x', '--recording', 'RE' + 'f'.repeat(32)], { env })).code).toBe(4);
  const unreachable = await ci(['emulator', 'call', '--to', 'http://127.0.0.1:9/incoming-call'], { env });
  expect(unreachable.code).toBe(1);
  expect(unreachable.stderr).toMatch(/^ci: the call failed after 0 step\(s\): POST http:\/\/127\.0\.0\.1:9\/incoming-call failed/);
  const serve = await startCi(['serve', '--service', 'test-ci', '--ndjson', '--auth-token', 'another-token'], env);
  try {
    const refused = await ci(['emulator', 'call', '--to', serve.first.voiceUrl as string], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/answered 403/);
  } finally {
    expect(await serve.stop()).toBe(0);
  }
});
