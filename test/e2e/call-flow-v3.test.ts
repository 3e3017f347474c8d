// The seed's whole flow on v3, offline: call → record → Voice v3 transcription → conversation closed →
// CONVERSATION_END rule → signed rule-execution webhook → results, with ci only (the v3 half of `npm run demo`,
// with the call placed by the emulator instead of `ci transcribe`).
import { beforeAll, expect, it } from 'vitest';
import { HOST_HEADER_WARNING } from '../../src/lib/webhooks/signed-server.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { ci } from '../support/cli.js';
import { sdkClient } from '../support/sdk.js';
import { SEED_OPERATOR_FLAGS } from '../support/seed.js';
import { startCi } from '../support/serve-ci.js';
import { defined } from '../support/defined.js';

const emulator = useTestEmulator({ transcribeDelayMs: 100 });
const NUMBER = '+15005550001';
let env: Record<string, string | undefined>;

/** Runs ci and expects it to succeed; resolves with its stdout. */
async function ok(args: string[]): Promise<string> {
  const result = await ci(args, { env });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  env = emulatorEnv(emulator, { TWILIO_CI_GENERATION: 'v3' });
  await ok(['operators', 'create', '--name', 'test-operator', ...SEED_OPERATOR_FLAGS]);
  await ok([
    'configurations',
    'create',
    '--name',
    'seed',
    '--operator',
    'Sentiment Analysis',
    '--operator',
    'Conversation Summary',
    '--operator',
    'test-operator@1',
  ]);
  await ok(['conversations', 'configurations', 'create', '--name', 'post-call', '--intelligence-configuration', 'seed']);
});

it('ci serve --conversation-configuration --phone-number + ci emulator call: the rule fires and the seed result arrives', async () => {
  const serve = await startCi(
    ['serve', '--conversation-configuration', 'post-call', '--phone-number', NUMBER, '--fetch-results', '--once', '--ndjson'],
    env,
  );
  expect(serve.first).toMatchObject({ event: 'listening', conversationConfiguration: 'post-call', phoneNumber: NUMBER });
  const [number] = await sdkClient(emulator).incomingPhoneNumbers.list({ phoneNumber: NUMBER });
  expect(number).toMatchObject({ voiceUrl: serve.first.voiceUrl, voiceMethod: 'POST' });
  // The rule's webhook is the server's, known once it listens (as a user does with a tunnel's URL).
  await ok(['configurations', 'rules', 'add', 'seed', '1', '--webhook', defined(serve.first.webhookUrl)]);

  const call = await ci(['emulator', 'call', '--json'], { env });
  expect(call.stderr).toBe('');
  expect(call.code).toBe(0);
  const steps = JSON.parse(call.stdout) as Array<Record<string, unknown>>;
  const callSid = defined(steps[0]).callSid as string;
  const recordingSid = defined(steps[0]).recordingSid as string;
  expect(steps.map((step) => step.step)).toEqual(['request', 'say', 'record', 'request', 'request', 'say', 'hangup']);
  expect(steps.filter((step) => step.step === 'request').map((step) => [step.detail, step.status])).toEqual([
    [`POST ${String(serve.first.voiceUrl)}`, 200],
    [`POST ${String(serve.first.url)}/recording-status`, 200],
    [`POST ${String(serve.first.voiceUrl)}`, 200],
  ]);

  // --once: serve exits by itself after the rule-execution webhook and its results.
  expect(await serve.exited).toBe(0);
  const lines = serve
    .stdout()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const byEvent = (name: string) => lines.filter((line) => line.event === name);
  expect(byEvent('call').map((line) => line.recordingSid)).toEqual([null, recordingSid]);
  const [transcription] = byEvent('transcription');
  expect(transcription).toMatchObject({ event: 'transcription', outcome: 'created', recordingSid, callSid });
  const conversationId = String(defined(transcription).conversationId);
  const conversation = await sdkClient(emulator).conversations.v2.conversations(conversationId).fetch();
  expect(conversation.status).toBe('CLOSED');

  const [webhook] = byEvent('rule-execution');
  expect(webhook).toMatchObject({ conversationId, intelligenceConfiguration: { displayName: 'seed' } });
  const seedResult = { category: 'other', emotion: 'negative' };
  const fromWebhook = (defined(webhook).operatorResults as Array<Record<string, unknown>>).find((result) => result.outputFormat === 'JSON');
  expect(fromWebhook?.result).toEqual(seedResult);
  const [results] = byEvent('results');
  const fetched = (defined(results).operatorResults as Array<Record<string, unknown>>).find((result) => result.outputFormat === 'JSON');
  expect(fetched?.result).toEqual(seedResult);

  const shown = await ok(['results', conversationId]);
  expect(shown).toContain('test-operator@1 (JSON)\n  category: other\n  emotion: negative');
  // Started before the rule pointed at it, it said so, with the command that was then run.
  expect(serve.stderr()).toBe(
    `warning: ${HOST_HEADER_WARNING}\nwarning: no rule of conversation configuration post-call's intelligence configurations posts to this server's webhook URL; to point one here: ci configurations rules add seed 1 --webhook ${String(serve.first.webhookUrl)}\n`,
  );
});
