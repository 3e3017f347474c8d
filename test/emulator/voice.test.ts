// Voice v2 Transcription Configurations and Voice v3 Transcriptions through the official SDK's
// client.voice.v2 / client.voice.v3; every exchange is validated against twilio_voice_v2/v3.json.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../support/emulator.js';
import { rejection, sdkClient } from '../support/sdk.js';
import { raw, seedConversation, type Client } from './v3-support.js';

const RECORDING = 'RE00000000000000000000000000000002';

type ConfigurationBody = Parameters<Client['voice']['v2']['transcription']['create']>[0];

/**
 * The spec's request is snake_case at the top (`unique_name`), but twilio-node's VoiceV2ConfigurationTranscriptionRequest
 * types it `uniqueName` and sends the object as it is: the one cast needed to send what the API takes.
 */
function configurationBody(fields: Record<string, unknown>): ConfigurationBody {
  return fields as unknown as ConfigurationBody;
}

function settings(conversationConfigurationId: string, overrides: Record<string, unknown> = {}) {
  return {
    configurationType: 'Transcription',
    transcriptionEngine: 'deepgram',
    speechModel: 'nova-3',
    language: 'en-US',
    conversationConfigurationId,
    participantDefaults: [
      { audioChannelIndex: 1, type: 'HUMAN_AGENT' },
      { audioChannelIndex: 2, type: 'CUSTOMER' },
    ],
    ...overrides,
  };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Voice v2 transcription configurations and v3 transcriptions through the official twilio SDK', () => {
  const emulator = useTestEmulator({ transcribeDelayMs: 40 });
  let client: Client;
  let conversationConfigurationId: string;
  let media: Server;
  let mediaUrl: string;

  beforeAll(async () => {
    client = sdkClient(emulator);
    ({ conversationConfigurationId } = await seedConversation(emulator, { communications: [{ text: 'seed' }] }));
    media = createServer((request, response) => {
      if (request.url === '/call.txt') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        return void response.end('Agent: Hello, how can I help?\nCustomer: My card was charged twice.\n');
      }
      response.writeHead(200, { 'content-type': 'audio/wav' });
      response.end('RIFF');
    });
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => media.close(() => resolve())));

  const createConfiguration = (uniqueName: string, overrides: Record<string, unknown> = {}) =>
    client.voice.v2.transcription.create(
      configurationBody({ unique_name: uniqueName, description: 'test', configuration: settings(conversationConfigurationId, overrides) }),
    );

  describe('transcription configurations', () => {
    it('creates, fetches by ID and by unique name, replaces and deletes one', async () => {
      const created = await createConfiguration('support-calls');
      expect(created.id).toMatch(/^voice_transcriptionconfiguration_[0-7][0-9a-z]{25}$/);
      expect(created).toMatchObject({ uniqueName: 'support-calls', accountSid: emulator.accountSid, description: 'test' });
      expect(created.configuration).toMatchObject({ transcriptionEngine: 'deepgram', conversationConfigurationId });

      const byName = await client.voice.v2.transcription('support-calls').fetch();
      expect(byName.id).toBe(created.id);
      const updated = await client.voice.v2.transcription(created.id).update(
        configurationBody({
          unique_name: 'support-calls-2',
          configuration: settings(conversationConfigurationId, { language: 'en-GB' }),
        }),
      );
      expect(updated).toMatchObject({ id: created.id, uniqueName: 'support-calls-2', description: null });
      expect(updated.configuration?.language).toBe('en-GB');
      expect((await rejection(client.voice.v2.transcription('support-calls').fetch())).status).toBe(404);

      expect(await client.voice.v2.transcription('support-calls-2').remove()).toBe(true);
      const gone = await rejection(client.voice.v2.transcription(created.id).fetch());
      expect(gone).toMatchObject({ status: 404, code: 20404 });
    });

    it('refuses what the spec rules out, naming the field', async () => {
      const one = await rejection(
        createConfiguration('one-channel', { participantDefaults: [{ audioChannelIndex: 1, type: 'CUSTOMER' }] }),
      );
      expect(one).toMatchObject({ status: 400 });
      expect(one.message).toMatch(/participantDefaults.*exactly 2/);
      const same = await rejection(
        createConfiguration('same-channel', {
          participantDefaults: [
            { audioChannelIndex: 1, type: 'CUSTOMER' },
            { audioChannelIndex: 1, type: 'HUMAN_AGENT' },
          ],
        }),
      );
      expect(same.message).toMatch(/channels 1 and 2/);
      const missing = await rejection(
        createConfiguration('nowhere', { conversationConfigurationId: 'conv_configuration_00000000000000000000000000' }),
      );
      expect(missing.message).toMatch(/conversationConfigurationId.*does not exist/);
      expect((await rejection(createConfiguration('model', { speechModel: 'chirp_2' }))).message).toMatch(/speechModel/);
      const camel = await rejection(
        client.voice.v2.transcription.create(
          configurationBody({ uniqueName: 'camel', configuration: settings(conversationConfigurationId) }),
        ),
      );
      expect(camel.message).toMatch(/uniqueName/);
    });

    it('keeps unique names unique', async () => {
      await createConfiguration('taken');
      expect(await rejection(createConfiguration('taken'))).toMatchObject({ status: 409 });
    });

    it('has no list operation, as Voice v2 has none', async () => {
      const response = await raw(emulator, 'GET', '/v2/Configurations/Transcription');
      expect(response.status).toBe(405);
      expect(response.body).toMatchObject({ status: 405, code: 20004 });
    });
  });

  describe('transcriptions', () => {
    let configurationId: string;
    beforeAll(async () => {
      configurationId = (await createConfiguration('for-transcriptions')).id;
    });

    it('transcribes a recording of the catalogue into a new conversation of the configured conversation configuration', async () => {
      const accepted = await client.voice.v3.transcriptions.create({
        transcriptionConfigurationId: configurationId,
        inputSource: 'SOURCE_ID',
        sourceId: RECORDING,
        participants: [{ audioChannelIndex: 2, name: 'Jane', address: '+15551234567' }],
      });
      expect(accepted.status).toBe('PENDING');
      const id = accepted.transcription?.id ?? '';
      expect(id).toMatch(/^voice_transcription_[0-7][0-9a-z]{25}$/);
      expect(accepted.statusUrl).toBe(`${emulator.url}/v3/Transcriptions/${id}`);

      const done = await until(
        () => client.voice.v3.transcriptions(id).fetch(),
        (operation) => operation.status === 'COMPLETED' || operation.status === 'FAILED',
      );
      expect(done.operationId).toBe(id);
      expect(done.transcription).toMatchObject({ status: 'COMPLETED', sourceId: RECORDING, mediaUrl: null, duration: 21 });
      expect(done.transcription?.participants).toEqual([
        { audioChannelIndex: 1, type: 'HUMAN_AGENT' },
        { audioChannelIndex: 2, type: 'CUSTOMER', name: 'Jane', address: '+15551234567' },
      ]);
      const conversationId = done.transcription?.conversationId ?? '';
      expect(done.transcription?.links).toEqual({ conversation: `${emulator.url}/v2/Conversations/${conversationId}` });

      const conversation = await client.intelligence.v3.conversations(conversationId).fetch();
      expect(conversation).toMatchObject({
        conversationConfigurationId,
        status: 'ACTIVE',
        channelIds: ['CA00000000000000000000000000000002'],
      });
      expect(conversation.communications?.map((communication) => communication.content?.text)).toHaveLength(5);
      expect(conversation.participants?.map((participant) => participant.type)).toEqual(['HUMAN_AGENT', 'CUSTOMER']);
    });

    it('transcribes a media URL in the text format v2 media URLs take', async () => {
      const accepted = await client.voice.v3.transcriptions.create({
        transcriptionConfigurationId: configurationId,
        inputSource: 'MEDIA_URL',
        mediaUrl: `${mediaUrl}/call.txt`,
        sourceId: undefined as unknown as string, // the SDK's type requires sourceId even for a media URL
      });
      const id = accepted.transcription?.id ?? '';
      const done = await until(
        () => client.voice.v3.transcriptions(id).fetch(),
        (operation) => operation.status !== 'PENDING' && operation.status !== 'RUNNING',
      );
      expect(done.transcription).toMatchObject({ status: 'COMPLETED', mediaUrl: `${mediaUrl}/call.txt`, sourceId: null });
      const conversation = await client.intelligence.v3.conversations(done.transcription?.conversationId ?? '').fetch();
      expect(conversation.communications?.map((communication) => communication.content?.text)).toEqual([
        'Hello, how can I help?',
        'My card was charged twice.',
      ]);
    });

    it('fails a transcription whose media cannot be read, with no conversation', async () => {
      const accepted = await client.voice.v3.transcriptions.create({
        transcriptionConfigurationId: configurationId,
        inputSource: 'MEDIA_URL',
        mediaUrl: `${mediaUrl}/call.wav`,
        sourceId: undefined as unknown as string,
      });
      const done = await until(
        () => client.voice.v3.transcriptions(accepted.transcription?.id ?? '').fetch(),
        (operation) => operation.status === 'COMPLETED' || operation.status === 'FAILED',
      );
      expect(done.transcription).toMatchObject({ status: 'FAILED', conversationId: null });
    });

    it('answers the same Idempotency-Key with the same transcription', async () => {
      const body = {
        transcriptionConfigurationId: configurationId,
        inputSource: 'SOURCE_ID',
        sourceId: 'RE00000000000000000000000000000003',
      };
      const first = await client.voice.v3.transcriptions.create(body, { 'Idempotency-Key': 'key-1' });
      const again = await client.voice.v3.transcriptions.create(body, { 'Idempotency-Key': 'key-1' });
      expect(again.transcription?.id).toBe(first.transcription?.id);
    });

    it('lists with the spec filters and token paging (key transcriptions)', async () => {
      const mine = await client.voice.v3.transcriptions.list({ sourceId: RECORDING });
      expect(mine.map((item) => item.sourceId)).toEqual([RECORDING]);
      const all = await client.voice.v3.transcriptions.list({ pageSize: 1 });
      expect(all.length).toBeGreaterThanOrEqual(4);
      const failed = await client.voice.v3.transcriptions.list({ status: 'FAILED' });
      expect(failed.map((item) => item.mediaUrl)).toEqual([`${mediaUrl}/call.wav`]);
      const page = await raw(emulator, 'GET', '/v3/Transcriptions?pageSize=2');
      expect(page.body).toMatchObject({ meta: { key: 'transcriptions', pageSize: 2 } });
      expect((await raw(emulator, 'GET', '/v3/Transcriptions?pageSize=101')).status).toBe(400);
      expect((await raw(emulator, 'GET', '/v3/Transcriptions?sourceId=RE0000000000000000000000000000000A')).status).toBe(400);
    });

    it('answers errors with RFC 9457 problem details', async () => {
      const unknown = await raw(
        emulator,
        'POST',
        '/v3/Transcriptions',
        JSON.stringify({
          transcriptionConfigurationId: 'voice_transcriptionconfiguration_00000000000000000000000000',
          sourceId: RECORDING,
        }),
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ type: 'https://www.twilio.com/docs/api/errors/20404', status: 404, code: 20404 });
      const noRecording = await rejection(
        client.voice.v3.transcriptions.create({
          transcriptionConfigurationId: configurationId,
          sourceId: 'RE0000000000000000000000000000ffff',
        }),
      );
      expect(noRecording.status).toBe(404);
      const badField = await raw(
        emulator,
        'POST',
        '/v3/Transcriptions',
        JSON.stringify({ transcriptionConfigurationId: configurationId, sourceId: RECORDING, participants: [{ audioChannelIndex: 3 }] }),
      );
      expect(badField.body).toMatchObject({ status: 400, errors: [{ pointer: '#/participants/0/audioChannelIndex' }] });
      expect((await raw(emulator, 'GET', '/v3/Transcriptions/voice_transcription_nope')).status).toBe(404);
      const form = await raw(emulator, 'POST', '/v3/Transcriptions', 'sourceId=RE1', 'application/x-www-form-urlencoded');
      expect(form.status).toBe(415);
    });
  });
});
