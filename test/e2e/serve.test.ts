import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_SID, parseTwiml, sendSigned, twilioSignature } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { sdkClient } from '../support/sdk.js';
import { ci } from '../support/cli.js';
import { startCi, type RunningCi } from '../support/serve-ci.js';

const emulator = useTestEmulator({ transcribeDelayMs: 200 });
let env: Record<string, string | undefined>;
let serviceSid: string;

beforeAll(async () => {
  serviceSid = (await sdkClient(emulator).intelligence.v2.services.create({ uniqueName: 'serve-test' })).sid;
  env = emulatorEnv(emulator, { TWILIO_CI_SERVICE_SID: serviceSid });
});
const CALL_SID = 'CA' + '1'.repeat(32);
const callParams = {
  AccountSid: DEFAULT_ACCOUNT_SID,
  CallSid: CALL_SID,
  From: '+15005550006',
  To: '+15005550001',
  CallStatus: 'in-progress',
  Direction: 'inbound',
};

describe('ci serve /incoming-call', () => {
  let serve: RunningCi;
  beforeAll(async () => {
    serve = await startCi(['serve', '--ndjson'], env);
  });
  afterAll(async () => {
    expect(await serve.stop()).toBe(0);
  });

  it('prints the voice URL to paste into the number', () => {
    const base = serve.first.url as string;
    expect(serve.first).toEqual({
      event: 'listening',
      url: base,
      serviceSid,
      phoneNumber: null,
      voiceUrl: `${base}/incoming-call`,
      webhookUrl: `${base}/ci-webhook`,
    });
  });

  it("answers the first request with the seed's guidance and <Record>, element by element", async () => {
    const response = await sendSigned(emulator.authToken, { url: serve.first.voiceUrl as string, method: 'POST', params: callParams });
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^text\/xml/);
    const verbs = parseTwiml(response.body);
    expect(verbs.map((verb) => verb.name)).toEqual(['Say', 'Record']);
    expect(verbs[0]).toEqual({
      name: 'Say',
      attributes: { language: 'ja-JP' },
      text: 'ピーという音のあとに話してください。',
      children: [],
    });
    expect(verbs[1]).toEqual({
      name: 'Record',
      attributes: {
        recordingStatusCallback: `${serve.first.url}/recording-status`,
        recordingStatusCallbackEvent: 'completed',
        recordingChannels: 'dual',
        timeout: '5',
        maxLength: '120',
        playBeep: 'true',
      },
      text: '',
      children: [],
    });
    expect((await serve.events(1))[0]).toEqual({
      event: 'call',
      callSid: CALL_SID,
      from: '+15005550006',
      to: '+15005550001',
      recordingSid: null,
    });
  });

  it('thanks and hangs up when the request comes back with a RecordingSid', async () => {
    const recordingSid = 'RE' + '2'.repeat(32);
    const response = await sendSigned(emulator.authToken, {
      url: serve.first.voiceUrl as string,
      method: 'POST',
      params: { ...callParams, RecordingSid: recordingSid },
    });
    const verbs = parseTwiml(response.body);
    expect(verbs).toEqual([
      { name: 'Say', attributes: { language: 'ja-JP', voice: 'woman' }, text: 'ありがとうございました。', children: [] },
      { name: 'Hangup', attributes: {}, text: '', children: [] },
    ]);
    expect((await serve.events(2))[1]).toMatchObject({ event: 'call', recordingSid });
  });

  it('refuses an unsigned voice request with 403', async () => {
    const response = await fetch(serve.first.voiceUrl as string, { method: 'POST', body: new URLSearchParams(callParams) });
    expect(response.status).toBe(403);
  });

  it('creates exactly one transcript when Twilio delivers /recording-status twice', async () => {
    const recordingSid = 'RE00000000000000000000000000000002'; // in the emulator's built-in catalogue
    const callback = {
      AccountSid: DEFAULT_ACCOUNT_SID,
      CallSid: CALL_SID,
      RecordingSid: recordingSid,
      RecordingStatus: 'completed',
      RecordingChannels: '2',
    };
    const statusUrl = `${serve.first.url}/recording-status`;
    // The same delivery twice is a replay (answered, not handled again); a second, different callback
    // for the same recording finds the transcript the first one created.
    const answers = await Promise.all(
      [1, 2].map(() => sendSigned(emulator.authToken, { url: statusUrl, method: 'POST', params: callback })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await expect.poll(() => serve.stderr()).toMatch(/duplicate delivery of POST \/recording-status .*: answered 200, not handled again/);
    const again = await sendSigned(emulator.authToken, { url: statusUrl, method: 'POST', params: { ...callback, RecordingDuration: '5' } });
    expect(again.status).toBe(200);
    const lines = (await serve.events(4)).slice(2);
    expect(lines.map((line) => line.outcome).sort()).toEqual(['created', 'exists']);
    expect(lines[0]?.transcriptSid).toBe(lines[1]?.transcriptSid);
    const transcripts = await sdkClient(emulator).intelligence.v2.transcripts.list({ sourceSid: recordingSid });
    expect(transcripts).toHaveLength(1);
    expect(transcripts[0]).toMatchObject({ sid: lines[0]?.transcriptSid, customerKey: CALL_SID, serviceSid });
  });
});

describe('ci serve flags', () => {
  it('puts --greeting, --language, --voice, --timeout, --max-length, --no-play-beep and --public-url into the TwiML', async () => {
    const serve = await startCi(
      [
        'serve',
        '--ndjson',
        '--public-url',
        'https://abc.example.com',
        '--greeting',
        'Speak after the beep.',
        '--thanks',
        'Thank you.',
        '--language',
        'en-US',
        '--voice',
        'Polly.Joanna',
        '--timeout',
        '3',
        '--max-length',
        '60',
        '--no-play-beep',
      ],
      env,
    );
    try {
      expect(serve.first.voiceUrl).toBe('https://abc.example.com/incoming-call');
      // Signed for the public URL, delivered to the local port, as through a tunnel.
      const local = await fetch(`${serve.first.url}/incoming-call`, {
        method: 'POST',
        headers: { 'X-Twilio-Signature': twilioSignature(emulator.authToken, 'https://abc.example.com/incoming-call', callParams) },
        body: new URLSearchParams(callParams),
      });
      expect(local.status).toBe(200);
      const [say, record] = parseTwiml(await local.text());
      expect(say).toMatchObject({ attributes: { language: 'en-US', voice: 'Polly.Joanna' }, text: 'Speak after the beep.' });
      expect(record?.attributes).toMatchObject({
        recordingStatusCallback: 'https://abc.example.com/recording-status',
        timeout: '3',
        maxLength: '60',
        playBeep: 'false',
      });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('rejects a malformed --language and --timeout, and needs a service', async () => {
    const { TWILIO_CI_SERVICE_SID: _, ...withoutService } = env;
    const noService = await ci(['serve'], { env: withoutService });
    expect(noService.code).toBe(2);
    expect(noService.stderr).toMatch(/needs the service.*--service/);
    expect((await ci(['serve', '--service', 'no-such-service'], { env })).code).toBe(4);
    expect((await ci(['serve', '--language', 'japanese please'], { env })).code).toBe(2);
    expect((await ci(['serve', '--timeout', '0'], { env })).code).toBe(2);
  });
});
