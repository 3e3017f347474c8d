import { existsSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_SID, notifyTranscriptAvailable, sendSigned, twilioSignature } from '../../src/emulator/index.js';
import { TEST_AUTH_TOKEN } from '../support/secrets.js';
import { ci } from '../support/cli.js';
import { startCi, type RunningCi } from '../support/serve-ci.js';
import { tempDir } from '../support/temp.js';
import { defined } from '../support/defined.js';

// Signatures are made by the emulator's own signer (node:crypto) and checked by ci through the SDK.
const env = { TWILIO_ACCOUNT_SID: DEFAULT_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN };
const TRANSCRIPT = 'GT' + 'a'.repeat(32);
const SERVICE = 'GA' + 'b'.repeat(32);
const event = (customerKey = 'CA' + 'c'.repeat(32)) => ({
  event_type: 'voice_intelligence_transcript_available',
  transcript_sid: TRANSCRIPT,
  service_sid: SERVICE,
  account_sid: DEFAULT_ACCOUNT_SID,
  customer_key: customerKey,
});

/** A raw request, so tests can send what no honest client would. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const FORM = 'application/x-www-form-urlencoded';

describe('ci webhook listen', () => {
  let listener: RunningCi;
  let url: string;
  let seen = 0;
  const nextEvents = async (count = 1) => {
    const all = await listener.events(seen + count);
    const fresh = all.slice(seen);
    seen += count;
    return fresh;
  };

  beforeAll(async () => {
    listener = await startCi(['webhook', 'listen', '--ndjson'], env);
    url = listener.first.url as string;
  });
  afterAll(async () => {
    expect(await listener.stop()).toBe(0);
  });

  it('prints where it listens first', () => {
    expect(listener.first).toEqual({
      event: 'listening',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/ci-webhook$/) as unknown,
      publicUrl: null,
    });
  });

  it('accepts a signed POST form and prints the event', async () => {
    const response = await sendSigned(TEST_AUTH_TOKEN, { url, method: 'POST', params: event() });
    expect(response).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(response.contentType).toMatch(/^application\/json/);
    const [line] = await nextEvents();
    expect(line).toMatchObject({
      event: 'webhook',
      eventType: 'voice_intelligence_transcript_available',
      transcriptSid: TRANSCRIPT,
      serviceSid: SERVICE,
      accountSid: DEFAULT_ACCOUNT_SID,
      customerKey: 'CA' + 'c'.repeat(32),
    });
    expect(Date.parse(defined(line).receivedAt as string)).not.toBeNaN();
  });

  it('accepts a signed GET with the parameters in the query', async () => {
    const response = await sendSigned(TEST_AUTH_TOKEN, { url, method: 'GET', params: event('get-key') });
    expect(response.status).toBe(200);
    expect((await nextEvents())[0]).toMatchObject({ customerKey: 'get-key' });
  });

  it('accepts a JSON body signed through bodySHA256', async () => {
    const response = await sendSigned(TEST_AUTH_TOKEN, { url, method: 'POST', params: event('json-key'), json: true });
    expect(response.url).toContain('bodySHA256=');
    expect(response.status).toBe(200);
    expect((await nextEvents())[0]).toMatchObject({ customerKey: 'json-key', transcriptSid: TRANSCRIPT });
  });

  it('refuses a JSON body that does not match its bodySHA256', async () => {
    const signedUrl = `${url}?bodySHA256=${'0'.repeat(64)}`;
    const response = await rawRequest(signedUrl, {
      headers: { 'Content-Type': 'application/json', 'X-Twilio-Signature': twilioSignature(TEST_AUTH_TOKEN, signedUrl) },
      body: JSON.stringify(event()),
    });
    expect(response.status).toBe(403);
  });

  it('refuses a forged signature, a missing header, a wrong token and an altered parameter with 403 and a warning', async () => {
    // A key of its own: the same signed body as an earlier test would be a replay, answered but not handled.
    const body = new URLSearchParams(event('forgery-key')).toString();
    const goodSignature = twilioSignature(TEST_AUTH_TOKEN, url, event('forgery-key'));
    const altered = new URLSearchParams({ ...event('forgery-key'), customer_key: 'someone-else' }).toString();
    const cases: Array<[string, Record<string, string>, string]> = [
      ['forged', { 'Content-Type': FORM, 'X-Twilio-Signature': 'bm90IGEgc2lnbmF0dXJl' }, body],
      ['missing', { 'Content-Type': FORM }, body],
      ['wrong token', { 'Content-Type': FORM, 'X-Twilio-Signature': twilioSignature('another-token', url, event('forgery-key')) }, body],
      ['altered', { 'Content-Type': FORM, 'X-Twilio-Signature': goodSignature }, altered],
    ];
    for (const [name, headers, payload] of cases) {
      const response = await rawRequest(url, { headers, body: payload });
      expect({ name, status: response.status }).toEqual({ name, status: 403 });
    }
    await expect.poll(() => listener.stderr().match(/warning: refused POST \/ci-webhook/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(listener.stderr()).toMatch(/no X-Twilio-Signature header/);
    expect(listener.stderr()).toMatch(/X-Twilio-Signature does not match/);
    // The unaltered original still passes: the 403s were about the changes, not the listener.
    expect((await rawRequest(url, { headers: { 'Content-Type': FORM, 'X-Twilio-Signature': goodSignature }, body })).status).toBe(200);
    expect((await nextEvents())[0]).toMatchObject({ customerKey: 'forgery-key' });
  });

  it('refuses a request signed for the public URL when no --public-url says so, and hints at it', async () => {
    const publicUrl = 'https://tunnel.example.com/ci-webhook';
    const response = await rawRequest(url, {
      headers: { 'Content-Type': FORM, 'X-Twilio-Signature': twilioSignature(TEST_AUTH_TOKEN, publicUrl, event()) },
      body: new URLSearchParams(event()).toString(),
    });
    expect(response.status).toBe(403);
    await expect.poll(() => listener.stderr()).toMatch(/pass --public-url/);
  });

  it('answers 413 to a body over 1 MiB, 405 to another method, 404 to another path', async () => {
    const big = await rawRequest(url, { headers: { 'Content-Type': FORM }, body: Buffer.alloc(1024 * 1024 + 1, 'a') });
    expect(big.status).toBe(413);
    const put = await rawRequest(url, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
    expect((await rawRequest(url.replace('/ci-webhook', '/elsewhere'), { body: '' })).status).toBe(404);
  });
});

describe('ci webhook listen options', () => {
  it('checks signatures against --public-url behind a tunnel', async () => {
    const listener = await startCi(['webhook', 'listen', '--ndjson', '--public-url', 'https://tunnel.example.com'], env);
    try {
      const local = listener.first.url as string;
      expect(listener.first.publicUrl).toBe('https://tunnel.example.com/ci-webhook');
      const signedFor = (target: string) => ({
        headers: { 'Content-Type': FORM, 'X-Twilio-Signature': twilioSignature(TEST_AUTH_TOKEN, target, event()) },
        body: new URLSearchParams(event()).toString(),
      });
      expect((await rawRequest(local, signedFor('https://tunnel.example.com/ci-webhook'))).status).toBe(200);
      expect((await rawRequest(local, signedFor(local))).status).toBe(403);
    } finally {
      expect(await listener.stop()).toBe(0);
    }
  });

  it('--once --json hands the event to a script and exits 0; the emulator delivers it signed', async () => {
    const listener = await startCi(['webhook', 'listen', '--once', '--ndjson'], env);
    const url = listener.first.url as string;
    const log: string[] = [];
    await notifyTranscriptAvailable(
      { webhook_url: url, webhook_http_method: 'POST' },
      { sid: TRANSCRIPT, account_sid: DEFAULT_ACCOUNT_SID, service_sid: SERVICE, customer_key: 'CA-once' },
      TEST_AUTH_TOKEN,
      (line) => log.push(line),
    );
    expect(await listener.exited).toBe(0);
    expect(log).toEqual([]);
    const lines = listener
      .stdout()
      .trim()
      .split('\n')
      .map((line): unknown => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ event: 'webhook', transcriptSid: TRANSCRIPT, customerKey: 'CA-once' });
  });

  it('logs (and survives) a webhook the emulator cannot deliver', async () => {
    const log: string[] = [];
    await notifyTranscriptAvailable(
      { webhook_url: 'http://127.0.0.1:1/nowhere', webhook_http_method: 'GET' },
      { sid: TRANSCRIPT, account_sid: DEFAULT_ACCOUNT_SID, service_sid: SERVICE, customer_key: null },
      TEST_AUTH_TOKEN,
      (line) => log.push(line),
    );
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/webhook GET http:\/\/127\.0\.0\.1:1\/nowhere failed/);
  });

  it('--exec gets the event in its environment and a crafted customer key stays literal', async () => {
    const dir = tempDir('ci-exec-');
    const out = join(dir, 'event.txt');
    // In dir: had the key become shell syntax, `touch pwned` would have made a file there.
    const script = `cd '${dir}' && printf '%s|%s|%s|%s' "$TRANSCRIPT_SID" "$CUSTOMER_KEY" "$SERVICE_SID" "$EVENT_TYPE" > '${out}'`;
    const listener = await startCi(['webhook', 'listen', '--once', '--ndjson', '--exec', script], env);
    const crafted = '$(touch pwned); `touch pwned`';
    expect((await sendSigned(TEST_AUTH_TOKEN, { url: listener.first.url as string, method: 'POST', params: event(crafted) })).status).toBe(
      200,
    );
    expect(await listener.exited).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`${TRANSCRIPT}|${crafted}|${SERVICE}|voice_intelligence_transcript_available`);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('--forward-to sends the request on with its headers and prints the status', async () => {
    const received: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: string }> = [];
    const target = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/app/hook`;
    const listener = await startCi(['webhook', 'listen', '--once', '--ndjson', '--forward-to', targetUrl], env);
    try {
      const sent = await sendSigned(TEST_AUTH_TOKEN, { url: listener.first.url as string, method: 'POST', params: event() });
      expect(await listener.exited).toBe(0);
      const lines = listener
        .stdout()
        .trim()
        .split('\n')
        .map((line): unknown => JSON.parse(line));
      expect(lines.slice(1)).toEqual([expect.objectContaining({ event: 'webhook' }), { event: 'forwarded', url: targetUrl, status: 202 }]);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ method: 'POST', url: '/app/hook', body: new URLSearchParams(event()).toString() });
      expect(received[0]?.headers['x-twilio-signature']).toBe(twilioSignature(TEST_AUTH_TOKEN, sent.url, event()));
    } finally {
      target.close();
    }
  });

  it('--no-verify warns at start and accepts unsigned requests', async () => {
    const listener = await startCi(['webhook', 'listen', '--no-verify', '--once', '--ndjson'], {});
    expect(listener.stderr()).toMatch(/^warning: --no-verify/);
    const response = await rawRequest(listener.first.url as string, {
      headers: { 'Content-Type': FORM },
      body: new URLSearchParams(event()).toString(),
    });
    expect(response.status).toBe(200);
    expect(await listener.exited).toBe(0);
  });

  it('needs the auth token: API-key credentials without --auth-token are a usage error', async () => {
    const result = await ci(['webhook', 'listen'], {
      env: { TWILIO_ACCOUNT_SID: DEFAULT_ACCOUNT_SID, TWILIO_API_KEY: 'SK' + '1'.repeat(32), TWILIO_API_SECRET: 'secret' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ci: .*API key.*hint: give the auth token of the account with --auth-token-stdin or TWILIO_AUTH_TOKEN/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const noCredentials = await ci(['webhook', 'listen']);
    expect(noCredentials.code).toBe(3);
    const badUrl = await ci(['webhook', 'listen', '--public-url', 'ftp://x'], { env });
    expect(badUrl.code).toBe(2);
    const badPath = await ci(['webhook', 'listen', '--path', 'hook'], { env });
    expect(badPath.code).toBe(2);
    expect(badPath.stderr).toMatch(/--path must start with \//);
  });
});
