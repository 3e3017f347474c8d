// Webhook receivers under replays and floods: a delivery is handled once however often it arrives,
// follow-up work and unverified requests are bounded, and --forward-to passes on no credentials.
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_SID } from '../../src/emulator/index.js';
import { twilioSignature } from '../../src/emulator/index.js';
import { startSignedServer, type ReceiverLimits, type SignedServer } from '../../src/lib/webhooks/signed-server.js';
import { TEST_AUTH_TOKEN } from '../support/secrets.js';
import { startCi, type RunningCi } from '../support/serve-ci.js';
import { tempDir } from '../support/temp.js';

const env = { TWILIO_ACCOUNT_SID: DEFAULT_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN };
const FORM = 'application/x-www-form-urlencoded';
const event = (customerKey: string) => ({
  event_type: 'voice_intelligence_transcript_available',
  transcript_sid: 'GT' + 'a'.repeat(32),
  service_sid: 'GA' + 'b'.repeat(32),
  account_sid: DEFAULT_ACCOUNT_SID,
  customer_key: customerKey,
});

interface Sent {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw request; `body` may be a promise-driven writer, to send part of a body and stall. */
function send(url: string, headers: Record<string, string>, body: string | ((req: ReturnType<typeof httpRequest>) => void)): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers, agent: false }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    req.on('error', reject);
    if (typeof body === 'string') req.end(body);
    else body(req);
  });
}

/** A form delivery signed for `url`, with extra headers (Twilio's idempotency token, credentials to drop). */
function deliver(url: string, customerKey: string, headers: Record<string, string> = {}): Promise<Sent> {
  const params = event(customerKey);
  return send(
    url,
    { 'Content-Type': FORM, 'X-Twilio-Signature': twilioSignature(TEST_AUTH_TOKEN, url, params), ...headers },
    new URLSearchParams(params).toString(),
  );
}

describe('ci webhook listen: replays', () => {
  let listener: RunningCi;
  let url: string;
  let target: Server;
  const forwarded: IncomingHttpHeaders[] = [];
  const dir = tempDir('ci-replay-');
  const execLog = join(dir, 'exec.log');
  /** The customer keys of the first `count` webhook lines (each delivery also prints a `forwarded` line). */
  const webhookKeys = async (count: number) =>
    (await listener.events(2 * count)).filter((line) => line.event === 'webhook').map((line) => line.customerKey);
  const execRuns = () => readFileSync(execLog, 'utf8').split('\n').filter(Boolean);

  beforeAll(async () => {
    target = createServer((request, response) => {
      forwarded.push(request.headers);
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const forwardTo = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`;
    listener = await startCi(
      ['webhook', 'listen', '--ndjson', '--exec', `echo "$CUSTOMER_KEY" >> '${execLog}'`, '--forward-to', forwardTo],
      env,
    );
    url = listener.first.url as string;
  });
  afterAll(async () => {
    expect(await listener.stop()).toBe(0);
    await new Promise((resolve) => target.close(resolve));
  });

  it('warns at start-up that without --public-url the signature URL comes from the Host header', () => {
    expect(listener.stderr()).toMatch(
      /warning: no --public-url: signatures are checked against a URL built from each request's Host header/,
    );
  });

  it('handles a delivery once when Twilio sends it again with the same idempotency token', async () => {
    const token = { 'I-Twilio-Idempotency-Token': 'idem-1' };
    expect((await deliver(url, 'token-key', token)).status).toBe(200);
    await expect.poll(() => forwarded.length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => execRuns(), { timeout: 10_000 }).toEqual(['token-key']);
    expect((await deliver(url, 'token-key', token)).status).toBe(200);
    await expect
      .poll(() => listener.stderr(), { timeout: 10_000 })
      .toMatch(
        /warning: duplicate delivery of POST \/ci-webhook from \S+ \(I-Twilio-Idempotency-Token idem-1\): answered 200, not handled again/,
      );
    // A fresh delivery after the replay is handled; its follow-ups ran after the replay was answered.
    expect((await deliver(url, 'after-key')).status).toBe(200);
    await expect.poll(() => execRuns(), { timeout: 10_000 }).toEqual(['token-key', 'after-key']);
    expect(forwarded).toHaveLength(2);
    expect(await webhookKeys(2)).toEqual(['token-key', 'after-key']);
  });

  it('handles a delivery once when the same signature and body arrive again without a token', async () => {
    expect((await deliver(url, 'body-key')).status).toBe(200);
    expect((await deliver(url, 'body-key')).status).toBe(200);
    await expect
      .poll(() => listener.stderr(), { timeout: 10_000 })
      .toMatch(/duplicate delivery of POST \/ci-webhook .*\(same signature and body\)/);
    expect((await deliver(url, 'body-key-2')).status).toBe(200);
    await expect.poll(() => execRuns(), { timeout: 10_000 }).toEqual(['token-key', 'after-key', 'body-key', 'body-key-2']);
    expect(await webhookKeys(4)).toEqual(['token-key', 'after-key', 'body-key', 'body-key-2']);
  });

  it('forwards without the credentials and hop-by-hop headers it received', async () => {
    const before = forwarded.length;
    const sent = await deliver(url, 'headers-key', {
      Authorization: 'Basic c2VjcmV0OnNlY3JldA==',
      Cookie: 'session=secret',
      'Proxy-Authorization': 'Basic cHJveHk6c2VjcmV0',
      Connection: 'keep-alive, X-Hop',
      'X-Hop': 'one hop only',
      'X-Kept': 'passed on',
    });
    expect(sent.status).toBe(200);
    await expect.poll(() => forwarded.length, { timeout: 10_000 }).toBe(before + 1);
    const headers = forwarded[before] ?? {};
    for (const name of ['authorization', 'cookie', 'proxy-authorization', 'x-hop']) expect(headers[name]).toBeUndefined();
    expect(headers['x-kept']).toBe('passed on');
    expect(headers['x-twilio-signature']).toBeDefined();
  });
});

describe('ci webhook listen --public-url', () => {
  it('does not warn about the Host header', async () => {
    const listener = await startCi(['webhook', 'listen', '--ndjson', '--public-url', 'https://tunnel.example.com'], env);
    expect(await listener.stop()).toBe(0);
    expect(listener.stderr()).not.toMatch(/Host header/);
  });
});

describe('a signed server under a flood', () => {
  let server: SignedServer;
  let release: () => void = () => {};
  let blocked = new Promise<void>((resolve) => (release = resolve));
  const handled: string[] = [];
  const ran: string[] = [];
  const notes: string[] = [];
  const limits: Partial<ReceiverLimits> = { maxQueuedFollowUps: 2, maxUnverified: 2, bodyTimeoutMs: 2000 };

  beforeAll(async () => {
    server = await startSignedServer({
      host: '127.0.0.1',
      port: 0,
      authToken: TEST_AUTH_TOKEN,
      limits,
      endpoints: [
        {
          path: '/hook',
          methods: ['POST'],
          deliveries: true,
          handle: (request) => {
            const key = String(request.params.customer_key);
            handled.push(key);
            return {
              status: 200,
              contentType: 'application/json',
              body: '{"ok":true}',
              afterwards: async () => {
                await blocked;
                ran.push(key);
              },
            };
          },
        },
      ],
      onRejected: (message) => notes.push(message),
      onDuplicate: (message) => notes.push(message),
      onError: (message) => notes.push(message),
    });
  });
  afterAll(async () => {
    release();
    await server.close();
  });

  it('answers 503 while the follow-up queue is full, and accepts again once it drains', async () => {
    const url = `${server.localUrl}/hook`;
    expect((await deliver(url, 'q1')).status).toBe(200);
    expect((await deliver(url, 'q2')).status).toBe(200);
    const refused = await deliver(url, 'q3');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(handled).toEqual(['q1', 'q2']);
    release();
    await expect.poll(() => ran).toEqual(['q1', 'q2']);
    blocked = Promise.resolve();
    // Refused, so not remembered: Twilio's retry of it is handled.
    expect((await deliver(url, 'q3')).status).toBe(200);
    await expect.poll(() => ran).toEqual(['q1', 'q2', 'q3']);
    expect(notes.join('\n')).toMatch(/2 follow-ups are waiting: answered POST \/hook with 503/);
  });

  it('answers 503 beyond the cap of requests not yet verified, without reading them', async () => {
    const url = `${server.localUrl}/hook`;
    const stalled: Array<ReturnType<typeof httpRequest>> = [];
    const stall = () =>
      send(url, { 'Content-Type': FORM, 'Content-Length': '100' }, (req) => {
        stalled.push(req);
        req.write('customer_key=');
      }).catch(() => ({ status: 0, headers: {}, body: '' }));
    const first = stall();
    const second = stall();
    await expect.poll(() => stalled.length).toBe(2);
    // Once the server holds both (a few ms), every further request is refused until their bodies time out.
    let attempt = 0;
    await expect.poll(async () => (await deliver(url, `flood-${attempt++}`)).status, { interval: 20 }).toBe(503);
    expect(handled.filter((key) => key.startsWith('flood-'))).toHaveLength(attempt - 1);
    // The stalled ones time out reading their bodies: 408.
    expect((await first).status).toBe(408);
    expect((await second).status).toBe(408);
  });
});
