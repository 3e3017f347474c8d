// `ci serve --conversation-configuration`: the recording-status callback transcribes into a v3 conversation and
// closes it, so the configuration's CONVERSATION_END rule runs (in-process, against the emulator).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_SID, sendSigned } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { sdkClient } from '../support/sdk.js';
import { ci } from '../support/cli.js';
import { startCi, type RunningCi } from '../support/serve-ci.js';
import { SENTIMENT_OPERATOR_ID, seedConversation } from '../emulator/v3-support.js';

const emulator = useTestEmulator({ transcribeDelayMs: 100 });
const RECORDING = 'RE00000000000000000000000000000001';
const CALL_SID = 'CA' + '2'.repeat(32);

describe('ci serve on v3', () => {
  let serve: RunningCi;
  let conversationConfigurationId: string;

  beforeAll(async () => {
    const client = sdkClient(emulator);
    const rules = [{ operators: [{ id: SENTIMENT_OPERATOR_ID }], triggers: [{ on: 'CONVERSATION_END' as const }], actions: [] }];
    const intelligence = await client.intelligence.v3.configurations.create({ displayName: 'serve-end', rules });
    ({ conversationConfigurationId } = await seedConversation(emulator, {
      intelligenceConfigurationIds: [intelligence.id ?? ''],
      communications: [{ text: 'seed' }],
    }));
    serve = await startCi(['serve', '--conversation-configuration', conversationConfigurationId, '--ndjson'], emulatorEnv(emulator));
  });
  afterAll(async () => {
    expect(await serve.stop()).toBe(0);
  });

  it('names the conversation configuration and the transcription configuration it made (as ci transcribe), not a service', async () => {
    expect(serve.first).toMatchObject({ event: 'listening', conversationConfiguration: conversationConfigurationId });
    expect(serve.first).not.toHaveProperty('serviceSid');
    expect(serve.stderr()).toContain(
      `posts to this server's webhook URL; to point one here: ci configurations rules add serve-end 1 --webhook ${String(serve.first.webhookUrl)}`,
    );
    const made = await ci(['transcriptions', 'configurations', 'show', `ci-${conversationConfigurationId}`, '--json'], {
      env: emulatorEnv(emulator),
    });
    expect((JSON.parse(made.stdout) as { id: string }).id).toBe(serve.first.transcriptionConfigurationId);
  });

  it('transcribes the recording into a conversation and closes it, so the CONVERSATION_END rule runs', async () => {
    const statusUrl = `${String(serve.first.url)}/recording-status`;
    const params = { AccountSid: DEFAULT_ACCOUNT_SID, CallSid: CALL_SID, RecordingSid: RECORDING, RecordingStatus: 'completed' };
    const answer = await sendSigned(emulator.authToken, { url: statusUrl, method: 'POST', params });
    expect(answer.status).toBe(200);
    const [line] = await serve.events(1);
    expect(line).toMatchObject({ event: 'transcription', outcome: 'created', recordingSid: RECORDING, callSid: CALL_SID });
    const conversationId = String(line?.conversationId);
    const client = sdkClient(emulator);
    const conversation = await client.intelligence.v3.conversations(conversationId).fetch();
    expect(conversation).toMatchObject({ conversationConfigurationId, status: 'CLOSED' });
    await expect
      .poll(async () => (await ci(['results', conversationId, '--json'], { env: emulatorEnv(emulator) })).stdout)
      .toContain(SENTIMENT_OPERATOR_ID);
  });

  it('refuses --service with --conversation-configuration', async () => {
    const refused = await ci(['serve', '--conversation-configuration', 'x', '--service', 'GA' + '0'.repeat(32)], {
      env: emulatorEnv(emulator),
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--conversation-configuration \(v3\) cannot be combined with --service/);
  });
});

describe('ci serve on v3, a rule already posting to it', () => {
  it('does not warn when a rule of the configuration posts to the server (its public URL)', async () => {
    const publicUrl = 'https://serve-v3.example.com';
    const client = sdkClient(emulator);
    const rules = [
      {
        operators: [{ id: SENTIMENT_OPERATOR_ID }],
        triggers: [{ on: 'CONVERSATION_END' as const }],
        actions: [{ type: 'WEBHOOK' as const, method: 'POST' as const, url: `${publicUrl}/ci-webhook` }],
      },
    ];
    const intelligence = await client.intelligence.v3.configurations.create({ displayName: 'serve-posting', rules });
    const { conversationConfigurationId } = await seedConversation(emulator, {
      intelligenceConfigurationIds: [intelligence.id ?? ''],
      communications: [{ text: 'seed' }],
    });
    const serve = await startCi(
      ['serve', '--conversation-configuration', conversationConfigurationId, '--public-url', publicUrl, '--ndjson'],
      emulatorEnv(emulator),
    );
    expect(serve.first).toMatchObject({ webhookUrl: `${publicUrl}/ci-webhook` });
    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).toBe('');
  });
});
