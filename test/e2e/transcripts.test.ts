// The seed's pipeline through the CLI in-process (main() → SDK → HTTP → emulator).
import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_FIELDS } from '../../src/lib/results.js';
import { emulatorEnv } from '../support/ci-env.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import * as cli from '../support/cli.js';
import { startServer } from '../support/serve-ci.js';
import { sdkClient } from '../support/sdk.js';
import { jsonOf } from '../support/json.js';
import { SEED_OPERATOR_FLAGS } from '../support/seed.js';
import { tempDir } from '../support/temp.js';

const SEED_CALL = 'RE00000000000000000000000000000001';
const BILLING_CALL = 'RE00000000000000000000000000000002';
const HAPPY_CALL = 'RE00000000000000000000000000000003';
const PRICING_CALL = 'RE00000000000000000000000000000004';
let emulator: TestEmulator;
let media: Server;
let mediaUrl: string;
let env: Record<string, string | undefined>;

/** Media bodies the emulator fetches: a recognised conversation, an unreadable file, a 404. */
function startMediaServer(): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/call.txt') {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end(
        'Agent: Thank you for calling, this is Ann.\nCustomer: My card was charged 30 dollars twice, call me at +14155550199.\n',
      );
    } else if (request.url === '/call.wav') {
      response.writeHead(200, { 'Content-Type': 'audio/wav' });
      response.end('RIFF');
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  emulator = await startTestEmulator({ transcribeDelayMs: 30 });
  env = emulatorEnv(emulator);
  media = await startMediaServer();
  mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => media.close(resolve));
  expect(emulator.violations).toEqual([]);
});

/** --wait, polling faster than the default 2s: a transcript here completes in tens of milliseconds. */
const WAIT = ['--wait', '--interval', '100ms'];
const ci = (args: string[], extra: { env?: Record<string, string | undefined>; stdin?: string } = {}) =>
  cli.ci(args, { env: { ...env, ...extra.env }, stdin: extra.stdin });
/** The JSON fields these tests read; the assertions check the rest. */
type Json = Record<string, unknown>;
interface Resource extends Json {
  sid: string;
}
interface Transcript extends Resource {
  customerKey: string;
  channel: { participants: unknown[] };
}
interface Result extends Json {
  name: string;
  operatorType: string;
  transcriptSid: string;
  textGenerationResults: { result: string } | null;
}
interface Transcribed {
  transcript: Transcript;
  operatorResults: Result[];
}
const json = <T = Resource>(stdout: string) => jsonOf<T>(stdout);

async function service(name: string, operatorSids: string[] = []): Promise<string> {
  const created = await ci(['services', 'create', '--unique-name', name, '--webhook-url', 'https://example.com/ci-webhook', '--json']);
  expect(created.code).toBe(0);
  const sid = json(created.stdout).sid;
  const client = sdkClient(emulator);
  for (const operatorSid of operatorSids) await client.intelligence.v2.operatorAttachment(sid, operatorSid).create();
  return sid;
}

async function customOperator(friendlyName: string, operatorType: string, config: object): Promise<string> {
  return (await sdkClient(emulator).intelligence.v2.customOperators.create({ friendlyName, operatorType, config })).sid;
}

describe('the seed flow', () => {
  it("transcribes the recording with --wait and gives the article's JSON result", async () => {
    await service('test-ci');
    expect((await ci(['operators', 'attach', 'test-ci', 'Conversation Summary', 'Sentiment Analysis'])).code).toBe(0);
    const created = await ci(['operators', 'create', '--name', 'test-operator', ...SEED_OPERATOR_FLAGS, '--attach', 'test-ci', '--json']);
    expect(created.stderr).toBe('');
    const seedOperator = json(created.stdout).sid;

    const transcribed = await ci(['transcribe', SEED_CALL, '--service', 'test-ci', ...WAIT, '--json']);
    expect(transcribed.stderr).toBe('');
    expect(transcribed.code).toBe(0);
    const { transcript, operatorResults } = json<Transcribed>(transcribed.stdout);
    expect(transcript).toMatchObject({ status: 'completed', customerKey: 'CA00000000000000000000000000000001' });
    expect(operatorResults.map((r) => r.name)).toEqual(['Conversation Summary', 'Sentiment Analysis', 'test-operator']);

    const results = await ci(['results', transcript.sid, '--json']);
    expect(results.code).toBe(0);
    const parsed = json<Result[]>(results.stdout);
    for (const result of parsed) expect(Object.keys(result)).toEqual([...RESULT_FIELDS]);
    const seed = parsed.find((r) => r.operatorType === 'json');
    expect(JSON.stringify(seed?.jsonResults)).toBe('{"category":"other","emotion":"negative"}');
    expect(seed).toMatchObject({
      name: 'test-operator',
      operatorSid: seedOperator,
      transcriptSid: transcript.sid,
      extractMatch: null,
      labelProbabilities: {},
      utteranceResults: [],
      textGenerationResults: null,
    });
    const sentiment = parsed.find((r) => r.name === 'Sentiment Analysis');
    expect(typeof sentiment?.predictedProbability).toBe('number');

    const human = await ci(['results', transcript.sid]);
    expect(human.stdout).toContain(`TRANSCRIPT    ${transcript.sid}`);
    expect(human.stdout).toMatch(/test-operator {2}\(json\)\n {2}category {2}other\n {2}emotion {3}negative/);
    expect(human.stdout).toContain('The customer said: "We cannot log in to your account system."');
    expect(human.stdout).toMatch(/PREDICTED {2}negative/);

    const one = await ci(['results', transcript.sid, '--operator', 'sentiment analysis', '--json']);
    expect(json<Result[]>(one.stdout).map((r) => r.name)).toEqual(['Sentiment Analysis']);
    const none = await ci(['results', transcript.sid, '--operator', 'nope']);
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('test-operator');
  });

  it('is idempotent per recording, and --force transcribes again', async () => {
    await service('idempotent');
    const first = json((await ci(['transcribe', HAPPY_CALL, '--service', 'idempotent', '--json'])).stdout);
    const again = await ci(['transcribe', HAPPY_CALL, '--service', 'idempotent', '--json']);
    expect(again.code).toBe(0);
    expect(json(again.stdout).sid).toBe(first.sid);
    expect(again.stderr).toContain(`already has transcript ${first.sid}`);
    const forced = await ci(['transcribe', HAPPY_CALL, '--service', 'idempotent', '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(json(forced.stdout).sid).not.toBe(first.sid);
    expect((await ci(['transcripts', 'show', first.sid])).code).toBe(4);
  });
});

describe('ci transcribe --media-url', () => {
  it('transcribes a served conversation with named participants', async () => {
    await service('by-url', ['LY00000000000000000000000000000003']);
    const result = await ci([
      'transcribe',
      '--media-url',
      `${mediaUrl}/call.txt`,
      '--service',
      'by-url',
      '--customer-key',
      'order-42',
      '--participant',
      'channel=1,role=Agent,name=Ann,id=7',
      '--participant',
      'channel=2,role=Customer',
      ...WAIT,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    const { transcript, operatorResults } = json<Transcribed>(result.stdout);
    expect(transcript.customerKey).toBe('order-42');
    expect(transcript.channel.participants[0]).toEqual({ channel_participant: 1, role: 'Agent', full_name: 'Ann', user_id: '7' });
    expect(operatorResults[0]?.extractResults).toEqual({ MONEY_AMOUNT: ['30 dollars'], PHONE_NUMBER: ['+14155550199'] });

    const sentences = await ci(['transcripts', 'sentences', transcript.sid]);
    expect(sentences.stdout.split('\n').slice(0, 3)).toEqual([
      'TIME\tSPEAKER\tTEXT\tCONFIDENCE',
      '0:00.0\tAnn (Agent)\tThank you for calling, this is Ann.\t1.0',
      '0:03.3\tCustomer\tMy card was charged 30 dollars twice, call me at +14155550199.\t1.0',
    ]);
    const words = json<Array<{ mediaChannel: number; words: unknown[] }>>(
      (await ci(['transcripts', 'sentences', transcript.sid, '--word-timestamps', '--json'])).stdout,
    );
    expect(words.map((s) => s.mediaChannel)).toEqual([1, 2]);
    expect(words[1]?.words[0]).toEqual({ word: 'My', start_time: '3.3', end_time: '3.7', confidence: '1.0' });

    const dir = tempDir('ci-media-');
    const download = await ci(['transcripts', 'media', transcript.sid, '--download', join(dir, 'call.txt')]);
    expect(download.code).toBe(0);
    expect(readFileSync(join(dir, 'call.txt'), 'utf8')).toBe(
      'Agent: Thank you for calling, this is Ann.\nCustomer: My card was charged 30 dollars twice, call me at +14155550199.\n',
    );
    expect((await ci(['transcripts', 'media', transcript.sid])).stdout).toMatch(
      /^MEDIA URL\nhttp:\/\/127\.0\.0\.1:\d+\/emulator\/transcripts\/GT[0-9a-f]{32}\/media\.txt\n$/,
    );
  });

  it('exits 5 when the media cannot be read, naming the transcript', async () => {
    await service('unreadable');
    for (const path of ['/call.wav', '/missing']) {
      const failed = await ci(['transcribe', '--media-url', `${mediaUrl}${path}`, '--service', 'unreadable', ...WAIT]);
      expect(failed.code).toBe(5);
      expect(failed.stderr).toMatch(/^ci: transcript GT[0-9a-f]{32} ended failed/);
      const sid = /GT[0-9a-f]{32}/.exec(failed.stderr)![0];
      const results = await ci(['results', sid]);
      expect(results.code).toBe(5);
      expect(results.stderr).toContain(`transcript ${sid} ended failed: it has no results`);
    }
  });

  it('rejects bad input with exit 2 before any request', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['transcribe'], /missing recording SID or --media-url/],
      [['transcribe', 'RE123', '--service', 'by-url'], /not a valid recording SID/],
      [['transcribe', SEED_CALL, '--media-url', `${mediaUrl}/call.txt`], /not both/],
      [['transcribe', SEED_CALL, '--service', 'by-url', '--timeout', '5s'], /only apply with --wait/],
      [['transcribe', SEED_CALL, '--service', 'by-url', '--participant', 'channel=3'], /channel must be 1 or 2/],
      [['transcribe', SEED_CALL, '--service', 'by-url', '--participant', 'colour=red'], /expected key=value/],
      [['transcribe', SEED_CALL, '--service', 'by-url', '--media-start-time', 'yesterday'], /ISO 8601/],
      [['transcribe', SEED_CALL], /which service\?/],
      [['results', 'GT1'], /not a valid transcript SID/],
      [['transcripts', 'list', '--all', '--limit', '3'], /'--limit <n>' cannot be used with option '--all'/],
      [['transcripts', 'list', '--after-date-created', 'tuesday'], /--after-date-created must be an ISO 8601 date-time/],
      [['transcribe', SEED_CALL, '--service', 'by-url', '--customer-key', 'k'.repeat(65)], /customer key must be at most 64 characters/],
      [['transcribe', '--media-url', 'http://127.0.0.1:1/x', '--service', 'by-url', '--force'], /--force applies to recordings only/],
      [['transcripts', 'delete', 'GT' + '0'.repeat(32)], /--yes/],
    ];
    for (const [args, message] of cases) {
      const result = await ci(args);
      expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({
        args,
        code: 2,
        stderr: expect.stringMatching(message) as unknown,
      });
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('waiting', () => {
  it('exits 5 on --timeout, saying how to resume', async () => {
    const slow = await startTestEmulator({ transcribeDelayMs: 60_000 });
    try {
      const slowEnv = emulatorEnv(slow);
      const created = await cli.ci(['services', 'create', '--unique-name', 'slow', '--json'], { env: slowEnv });
      const serviceSid = json(created.stdout).sid;
      const result = await cli.ci(
        ['transcribe', PRICING_CALL, '--service', serviceSid, '--wait', '--timeout', '300ms', '--interval', '100ms'],
        { env: slowEnv },
      );
      expect(result.code).toBe(5);
      const sid = /GT[0-9a-f]{32}/.exec(result.stderr)![0];
      expect(result.stderr).toContain(`ci transcripts wait ${sid}`);
      const notYet = await cli.ci(['results', sid], { env: slowEnv });
      expect(notYet.code).toBe(5);
      expect(notYet.stderr).toMatch(/is (queued|in-progress): no sentences or results yet/);
      expect((await cli.ci(['transcripts', 'sentences', sid], { env: slowEnv })).code).toBe(5);
      const lines = await cli.ci(['results', sid, '--ndjson'], { env: slowEnv });
      expect(lines.code).toBe(5);
      expect(lines.stdout).toBe('');
    } finally {
      await slow.close();
    }
    expect(slow.violations).toEqual([]);
  });
});

describe('ci transcripts list', () => {
  it('pages through many transcripts with --all and --ndjson, filters, and --customer-key client-side', async () => {
    const serviceSid = await service('paging');
    const client = sdkClient(emulator);
    const total = 130;
    await Promise.all(
      Array.from({ length: total }, (_, i) =>
        client.intelligence.v2.transcripts.create({
          serviceSid,
          channel: { media_properties: { media_url: `${mediaUrl}/call.txt` } },
          customerKey: `key-${i % 3}`,
        }),
      ),
    );
    const all = await ci(['transcripts', 'list', '--service', 'paging', '--all', '--ndjson']);
    const lines = all.stdout
      .trim()
      .split('\n')
      .map((line) => json(line));
    expect(lines).toHaveLength(total);
    expect(new Set(lines.map((t) => t.sid)).size).toBe(total);
    expect(json((await ci(['transcripts', 'list', '--service', 'paging', '--json'])).stdout)).toHaveLength(50);
    expect(json((await ci(['transcripts', 'list', '--service', 'paging', '--limit', '7', '--json'])).stdout)).toHaveLength(7);
    const keyed = json<Transcript[]>(
      (await ci(['transcripts', 'list', '--service', 'paging', '--customer-key', 'key-1', '--all', '--json'])).stdout,
    );
    expect(keyed).toHaveLength(43);
    expect(keyed.every((t) => t.customerKey === 'key-1')).toBe(true);
    expect(json((await ci(['transcripts', 'list', '--source-sid', SEED_CALL, '--json'])).stdout)).toHaveLength(1);
  });
});

describe('ci results', () => {
  it('renders every operator type, and reads SIDs from stdin with --ndjson', async () => {
    const generative = await customOperator('Next step', 'Generative', {
      prompt: 'What should the agent do next?',
      examples: [{ input: 'charged twice refund', output: 'Refund the duplicate charge.' }],
    });
    const classify = await customOperator('Topic', 'ConversationClassify', { labels: ['billing', 'sales'] });
    const prebuilt = Array.from({ length: 9 }, (_, i) => `LY${String(i + 1).padStart(32, '0')}`);
    await service('every-type', [...prebuilt, generative, classify]);
    const billing = json<Transcribed>((await ci(['transcribe', BILLING_CALL, '--service', 'every-type', ...WAIT, '--json'])).stdout)
      .transcript.sid;
    const happy = json<Transcribed>(
      (await ci(['transcribe', '--media-url', `${mediaUrl}/call.txt`, '--service', 'every-type', ...WAIT, '--json'])).stdout,
    ).transcript.sid;

    const results = json<Result[]>((await ci(['results', billing, '--json'])).stdout);
    expect(new Set(results.map((r) => r.operatorType))).toEqual(
      new Set(['text-generation', 'conversation-classify', 'extract', 'utterance-classify', 'pii-extract', 'extract-normalize']),
    );
    expect(results.find((r) => r.name === 'Next step')?.textGenerationResults?.result).toBe('Refund the duplicate charge.');
    expect(results.find((r) => r.name === 'Topic')?.predictedLabel).toBe('billing');

    const human = (await ci(['results', billing])).stdout;
    expect(human).toMatch(/Entity Recognition {2}\(extract\)\n {2}LABEL +VALUE\n {2}MONEY_AMOUNT +\$49\.99/);
    expect(human).toMatch(/Agent Introduction {2}\(utterance-classify\)\n {2}INDEX +TEXT\n {2}0 +Thank you for calling Owl Bank billing/);
    expect(human).toMatch(/Sentiment Analysis {2}\(conversation-classify\)\n {2}PREDICTED {2}\w+ {2}\(0\.\d+\)\n {2}LABEL +PROBABILITY/);
    expect(human).toContain('Escalation Request  (utterance-classify)\n  no matching utterances');

    const piped = await ci(['results', '-', '--ndjson', '--operator', 'Topic'], { stdin: `${billing}\n${happy}\n` });
    expect(piped.code).toBe(0);
    const lines = piped.stdout
      .trim()
      .split('\n')
      .map((line) => json<Result>(line));
    expect(lines.map((l) => [l.transcriptSid, l.name])).toEqual([
      [billing, 'Topic'],
      [happy, 'Topic'],
    ]);
    const happyResults = json<Result[]>((await ci(['results', happy, '--json'])).stdout);
    const both = json<Result[]>((await ci(['results', billing, happy, '--json'])).stdout);
    expect(both).toEqual([...results, ...happyResults]);
    const perLine = (await ci(['results', billing, happy, '--ndjson'])).stdout
      .trim()
      .split('\n')
      .map((line) => json(line));
    expect(perLine).toEqual(both);
  });
});

describe('ci emulator start --recordings', () => {
  it("transcribes from the user's catalogue, and refuses a malformed one with exit 2", async () => {
    const dir = tempDir('ci-recordings-');
    const catalogue = join(dir, 'calls.json');
    const recording = 'RE' + 'ab'.repeat(16);
    writeFileSync(
      catalogue,
      JSON.stringify([
        {
          sid: recording,
          call_sid: 'CA' + 'cd'.repeat(16),
          utterances: [{ channel: 2, start: 0, end: 2, text: 'Great service, thank you!' }],
        },
      ]),
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ sid: recording, call_sid: 'CA1', utterances: [] }]));
    const refused = await cli.ci(['emulator', 'start', '--port', '0', '--no-profile', '--recordings', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^ci: --recordings: .*bad\.json: recording #1: "call_sid" must be CA followed by 32 hex digits\n$/);

    const emulatorStart = startServer([
      'emulator',
      'start',
      '--port',
      '0',
      '--no-profile',
      '--transcribe-delay-ms',
      '10',
      '--recordings',
      catalogue,
    ]);
    try {
      const [, url = ''] = await emulatorStart.printed(/listening on (\S+)/);
      const userEnv = {
        TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000001',
        TWILIO_AUTH_TOKEN: 'emulator-auth-token',
        TWILIO_CI_API_URL: url,
      };
      const serviceSid = json((await cli.ci(['services', 'create', '--unique-name', 'own-calls', '--json'], { env: userEnv })).stdout).sid;
      const result = await cli.ci(['transcribe', recording, '--service', serviceSid, ...WAIT, '--json'], { env: userEnv });
      expect(result.stderr).toBe('');
      expect(json<Transcribed>(result.stdout).transcript).toMatchObject({
        status: 'completed',
        customerKey: 'CA' + 'cd'.repeat(16),
        duration: 2,
      });
      const builtIn = await cli.ci(['transcribe', SEED_CALL, '--service', serviceSid], { env: userEnv });
      expect(builtIn.code).toBe(4); // the user's catalogue replaces the built-in one
    } finally {
      expect(await emulatorStart.stop()).toBe(0);
    }
  });
});
