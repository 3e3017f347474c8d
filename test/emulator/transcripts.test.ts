// The official SDK drives transcripts, sentences, media and operator results on the emulator; every exchange is checked against the spec.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../support/emulator.js';
import { rejection, sdkClient } from '../support/sdk.js';
import { defined } from '../support/defined.js';

const BILLING_CALL = 'RE00000000000000000000000000000002';
const SEED_CALL = 'RE00000000000000000000000000000001';
const SUMMARY = 'LY00000000000000000000000000000001';
const SENTIMENT = 'LY00000000000000000000000000000002';
const ENTITIES = 'LY00000000000000000000000000000003';

const emulator = useTestEmulator({
  transcribeDelayMs: 20,
  onTranscriptCompleted: (transcript, service) => completedHook.push(`${transcript.sid} ${service.sid}`),
});
let client: ReturnType<typeof sdkClient>;
const completedHook: string[] = [];

beforeAll(() => {
  client = sdkClient(emulator);
});

async function completed(sid: string) {
  for (let i = 0; i < 100; i++) {
    const transcript = await client.intelligence.v2.transcripts(sid).fetch();
    if (transcript.status !== 'queued' && transcript.status !== 'in-progress') return transcript;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`transcript ${sid} never finished`);
}

describe('Transcripts through the official twilio SDK', () => {
  it('creates, lists, analyses with the operators attached at creation, and deletes', async () => {
    const service = await client.intelligence.v2.services.create({ uniqueName: 'sdk-transcripts', autoRedaction: true });
    for (const sid of [SUMMARY, SENTIMENT, ENTITIES]) await client.intelligence.v2.operatorAttachment(service.sid, sid).create();
    const created = await client.intelligence.v2.transcripts.create({
      serviceSid: service.sid,
      channel: { media_properties: { source_sid: BILLING_CALL }, participants: [{ channel_participant: 1, full_name: 'Ann' }] },
      customerKey: 'CA00000000000000000000000000000002',
      mediaStartTime: new Date('2026-01-31T09:30:00Z'),
    });
    expect(created).toMatchObject({
      status: 'queued',
      serviceSid: service.sid,
      customerKey: 'CA00000000000000000000000000000002',
      redaction: true,
      languageCode: 'en-US',
    });
    expect(created.channel).toEqual({
      media_properties: { source_sid: BILLING_CALL },
      participants: [{ channel_participant: 1, full_name: 'Ann', role: 'Agent' }],
    });
    // Attached after creation: not part of this transcript's snapshot.
    await client.intelligence.v2.operatorAttachment(service.sid, 'LY00000000000000000000000000000004').create();

    const done = await completed(created.sid);
    expect(done).toMatchObject({ status: 'completed', duration: 21 });
    expect(done.mediaStartTime?.toISOString()).toBe('2026-01-31T09:30:00.000Z');
    expect(completedHook).toContain(`${created.sid} ${service.sid}`);

    const results = await client.intelligence.v2.transcripts(created.sid).operatorResults.list();
    expect(results.map((r) => [r.name, r.operatorType])).toEqual([
      ['Conversation Summary', 'text-generation'],
      ['Sentiment Analysis', 'conversation-classify'],
      ['Entity Recognition', 'extract'],
    ]);
    const [, sentiment, entities] = results;
    expect(Object.values(defined(sentiment).labelProbabilities as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(entities?.extractResults).toEqual({
      MONEY_AMOUNT: ['[MONEY_AMOUNT]', '[MONEY_AMOUNT]'],
      DATE: ['[DATE]', '[DATE]'],
      EMAIL_ADDRESS: ['[EMAIL_ADDRESS]'],
      PHONE_NUMBER: ['[PHONE_NUMBER]'],
    });
    const unredacted = await client.intelligence.v2.transcripts(created.sid).operatorResults(ENTITIES).fetch({ redacted: false });
    expect((unredacted.extractResults as Record<string, string[]>).EMAIL_ADDRESS).toEqual(['jane.doe@example.com']);
    expect(unredacted.url).toBe(`${emulator.url}/v2/Transcripts/${created.sid}/OperatorResults/${ENTITIES}`);

    const sentences = await client.intelligence.v2
      .transcripts(created.sid)
      .sentences.list({ wordTimestamps: true, redacted: false, pageSize: 2 });
    expect(sentences).toHaveLength(5);
    expect(sentences.map((s) => s.mediaChannel)).toEqual([1, 2, 1, 2, 1]);
    expect(sentences[3]).toMatchObject({
      sentenceIndex: 3,
      startTime: '12.4',
      endTime: '15.9',
      transcript: 'It is jane.doe@example.com and my phone is (415) 555-0123.',
      confidence: '1.0',
    });
    expect((defined(sentences[0]).words as unknown[])[0]).toEqual({
      word: 'Thank',
      start_time: '0.5',
      end_time: '0.736',
      confidence: '1.0',
    });

    const media = await client.intelligence.v2.transcripts(created.sid).media().fetch({ redacted: false });
    const body = await (await fetch(media.mediaUrl)).text();
    expect(body.split('\n')[0]).toBe('Agent: Thank you for calling Owl Bank billing, how can I help?');
    const encrypted = await client.intelligence.v2.transcripts(created.sid).encryptedOperatorResults().fetch();
    expect(await (await fetch(defined(encrypted.locations[0]))).json()).toHaveLength(3);
    const encryptedSentences = await client.intelligence.v2.transcripts(created.sid).encryptedSentences().fetch({ redacted: false });
    expect(await (await fetch(encryptedSentences.location)).json()).toHaveLength(5);

    expect(await client.intelligence.v2.transcripts(created.sid).remove()).toBe(true);
    expect(await rejection(client.intelligence.v2.transcripts(created.sid).fetch())).toMatchObject({ status: 404, code: 20404 });
  });

  it('keeps one transcript per recording, prefers media_url, filters lists and fails unreadable media', async () => {
    const service = await client.intelligence.v2.services.create({ uniqueName: 'sdk-rules' });
    const first = await client.intelligence.v2.transcripts.create({
      serviceSid: service.sid,
      channel: { media_properties: { source_sid: SEED_CALL } },
    });
    const again = await rejection(
      client.intelligence.v2.transcripts.create({ serviceSid: service.sid, channel: { media_properties: { source_sid: SEED_CALL } } }),
    );
    expect(again).toMatchObject({ status: 409 });
    expect(again.message).toContain(first.sid);

    const byUrl = await client.intelligence.v2.transcripts.create({
      serviceSid: service.sid,
      channel: { media_properties: { source_sid: SEED_CALL, media_url: `${emulator.url}/nothing-here` } },
    });
    expect((await completed(byUrl.sid)).status).toBe('failed');
    const unknown = await client.intelligence.v2.transcripts.create({
      serviceSid: service.sid,
      channel: { media_properties: { source_sid: 'RE' + 'f'.repeat(32) } },
    });
    expect((await completed(unknown.sid)).status).toBe('failed');
    await completed(first.sid);

    // The media_url transcript names the recording too, but reads the URL: it is not the recording's transcript.
    const bySource = await client.intelligence.v2.transcripts.list({ sourceSid: SEED_CALL });
    expect(bySource.map((t) => t.sid)).toEqual([first.sid]);
    const failed = await client.intelligence.v2.transcripts.list({ serviceSid: service.sid, status: 'failed' });
    expect(failed.map((t) => t.sid).sort()).toEqual([byUrl.sid, unknown.sid].sort());
    expect(await client.intelligence.v2.transcripts.list({ afterDateCreated: '2999-01-01T00:00:00Z' })).toEqual([]);

    const cases: Array<[Record<string, unknown>, number]> = [
      [{ media_properties: {} }, 400],
      [{ media_properties: { source_sid: 'RE1' } }, 400],
      [{ media_properties: { media_url: 'ftp://x' } }, 400],
      [{ media_properties: { media_url: 'http://x' }, participants: [{ channel_participant: 3 }] }, 400],
    ];
    for (const [channel, status] of cases) {
      expect(await rejection(client.intelligence.v2.transcripts.create({ serviceSid: service.sid, channel }))).toMatchObject({ status });
    }
    const longKey = await rejection(
      client.intelligence.v2.transcripts.create({
        serviceSid: service.sid,
        channel: { media_properties: { media_url: 'http://x' } },
        customerKey: 'k'.repeat(65),
      }),
    );
    expect(longKey.message).toContain('at most 64');
  });

  it('serves the Recording resource from the catalogue, as api.v2010 parses it', async () => {
    const recording = await client.api.v2010.account.recordings(SEED_CALL).fetch();
    expect(recording).toMatchObject({
      sid: SEED_CALL,
      callSid: 'CA00000000000000000000000000000001',
      channels: 2,
      status: 'completed',
      duration: '4',
    });
    expect(await rejection(client.api.v2010.account.recordings('RE' + 'f'.repeat(32)).fetch())).toMatchObject({ status: 404 });
  });
});
