import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { formEncode, HttpTransport, type TransportRequest } from '../../src/lib/http-transport.js';
import { NO_PROXY, proxySettings } from '../../src/lib/proxy.js';
import { AnswerTooLargeError, toCliError } from '../../src/lib/errors.js';
import { codeOf } from '../../src/lib/thrown.js';
import { PROXIED_HOST, startHttp, startHttps, startProxy, TLS_CERT_PATH, type Local } from '../support/network.js';

// The SDK's own encoder (a dependency of the twilio package), to compare with.
const qs = createRequire(import.meta.url)('qs') as { stringify(value: object, options: object): string };

const opened: Local[] = [];
const transports: HttpTransport[] = [];
afterEach(async () => {
  for (const transport of transports.splice(0)) transport.close();
  await Promise.all(opened.splice(0).map((local) => local.close()));
});

function transport(options: { env?: Record<string, string>; ca?: string; maxAnswerBytes?: number } = {}): HttpTransport {
  const made = new HttpTransport({
    proxy: options.env ? proxySettings(options.env) : NO_PROXY,
    ca: options.ca,
    maxAnswerBytes: options.maxAnswerBytes ?? 1024 * 1024,
    maxAnswerText: '1 MiB',
  });
  transports.push(made);
  return made;
}

const get = (uri: string, extra: Partial<TransportRequest> = {}): TransportRequest => ({
  method: 'get',
  uri,
  idleTimeoutMs: 10_000,
  ...extra,
});

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An http server that records each request and answers `answer` (JSON of what it received by default). */
async function recorder(answer?: (received: Received, response: import('node:http').ServerResponse) => void) {
  const received: Received[] = [];
  const server = await startHttp((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      received.push(entry);
      if (answer) answer(entry, response);
      else response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true }));
    });
  });
  opened.push(server);
  return { ...server, received, url: `http://127.0.0.1:${server.port}` };
}

describe('formEncode', () => {
  it("encodes as the SDK's qs.stringify with arrayFormat repeat", () => {
    const samples: object[] = [
      { FriendlyName: 'a b&c=d/é?#%+', Empty: '', Number: 12.5, Flag: true, Off: false },
      { Media: ['x', 'y z'], None: [], Skipped: undefined, Nothing: null },
      { When: new Date('2026-12-01T10:00:00.000Z'), "Odd!'()*~-_.": 'v!(*)' },
      { Nested: { Key: 'v', Deep: { Leaf: 1 } }, List: [{ A: 1 }, { A: 2 }] },
      { '': 'empty key', emoji: '🙂' },
    ];
    for (const sample of samples) expect(formEncode(sample)).toBe(qs.stringify(sample, { arrayFormat: 'repeat' }));
  });
});

describe('HttpTransport', () => {
  it('sends the query, Basic auth, the given headers, a form body, and keeps one connection alive', async () => {
    const server = await recorder();
    const carrier = transport();
    const answer = await carrier.request(
      get(`${server.url}/v2/Services`, {
        username: 'AC1',
        password: 'secret',
        headers: { 'User-Agent': 'sdk' },
        params: { PageSize: 50, Tag: ['a', 'b'] },
      }),
    );
    expect(answer).toMatchObject({ statusCode: 200, body: '{"ok":true}' });
    expect(answer.headers['content-type']).toBe('application/json');
    await carrier.request({
      method: 'post',
      uri: `${server.url}/v2/Services`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      data: { UniqueName: 'a b', AutoTranscribe: true },
      idleTimeoutMs: 10_000,
    });
    await carrier.request(get(`${server.url}/v2/Services?PageToken=PT1`, { params: { PageSize: 2 } }));
    const [first, second, third] = server.received;
    expect(first).toMatchObject({ method: 'GET', url: '/v2/Services?PageSize=50&Tag=a&Tag=b', body: '' });
    expect(first?.headers).toMatchObject({
      authorization: `Basic ${Buffer.from('AC1:secret').toString('base64')}`,
      'user-agent': 'sdk',
      connection: 'keep-alive',
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(second).toMatchObject({ method: 'POST', body: 'UniqueName=a%20b&AutoTranscribe=true' });
    expect(second?.headers['content-length']).toBe(String(second?.body.length));
    expect(third?.url).toBe('/v2/Services?PageToken=PT1&PageSize=2');
    expect(server.connections()).toBe(1);
  });

  it('holds back none of the requests its caller runs at once (no pool cap)', async () => {
    const together = 30;
    const waiting: Array<import('node:http').ServerResponse> = [];
    const server = await recorder((_, response) => {
      // The first `together` are held until all have arrived; later ones are answered at once.
      if (waiting.length >= together) return void response.writeHead(200).end('{}');
      waiting.push(response);
      if (waiting.length === together) for (const held of waiting) held.writeHead(200).end('{}');
    });
    const carrier = transport();
    const answers = await Promise.all(Array.from({ length: together }, () => carrier.request(get(server.url, { idleTimeoutMs: 20_000 }))));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(together).fill(200));
    // Kept alive and reused: a second round opens no new connection.
    await Promise.all(Array.from({ length: together }, () => carrier.request(get(server.url))));
    expect(server.connections()).toBe(together);
  });

  it('sends JSON for a JSON Content-Type, and no body for any other', async () => {
    const server = await recorder();
    const carrier = transport();
    const data = { displayName: 'x', rules: [{ id: 1 }] };
    await carrier.request({ ...get(server.url), method: 'post', headers: { 'Content-Type': 'application/json' }, data });
    await carrier.request({ ...get(server.url), method: 'post', headers: { 'Content-Type': 'text/plain' }, data });
    expect(server.received.map((entry) => entry.body)).toEqual([JSON.stringify(data), '']);
  });

  it('decodes gzip, deflate and br answers', async () => {
    const text = JSON.stringify({ words: 'x'.repeat(5000) });
    const encoders: Record<string, (input: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
    const server = await recorder(({ url }, response) => {
      const encoding = url.slice(1);
      response.writeHead(200, { 'Content-Encoding': encoding }).end(encoders[encoding]?.(Buffer.from(text)));
    });
    for (const encoding of Object.keys(encoders)) {
      expect((await transport().request(get(`${server.url}/${encoding}`))).body).toBe(text);
    }
  });

  it('fails a broken compressed answer as a bad response', async () => {
    const server = await recorder((_, response) => response.writeHead(200, { 'Content-Encoding': 'gzip' }).end('not gzip'));
    const failure = await transport()
      .request(get(server.url))
      .catch((error: unknown) => error);
    expect(codeOf(failure)).toBe('ERR_BAD_RESPONSE');
  });

  it('stops reading past the size limit, after decompression', async () => {
    const server = await recorder((_, response) =>
      response.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync(Buffer.alloc(4 * 1024 * 1024, ' '))),
    );
    await expect(transport({ maxAnswerBytes: 1024 * 1024 }).request(get(server.url))).rejects.toBeInstanceOf(AnswerTooLargeError);
  });

  it('fails an answer cut short as a reset, and a silent server as a timeout', async () => {
    const server = await recorder(({ url }, response) => {
      if (url === '/cut') {
        response.writeHead(200, { 'Content-Length': '100' });
        response.write('{"partial":');
        setImmediate(() => response.socket?.destroy());
      } // '/silent' never answers
    });
    expect(
      codeOf(
        await transport()
          .request(get(`${server.url}/cut`))
          .catch((error: unknown) => error),
      ),
    ).toBe('ECONNRESET');
    const silent = await transport()
      .request(get(`${server.url}/silent`, { idleTimeoutMs: 50 }))
      .catch((error: unknown) => error);
    expect(codeOf(silent)).toBe('ETIMEDOUT');
  });

  it('stops when its signal aborts', async () => {
    const server = await recorder(() => {}); // never answers
    const abort = new AbortController();
    const pending = transport().request(get(server.url, { signal: abort.signal }));
    setTimeout(() => abort.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('HttpTransport over TLS', () => {
  const answerOk = async () => {
    const server = await startHttps((_, response) => response.writeHead(200).end('{"tls":true}'));
    opened.push(server);
    return server;
  };

  it('verifies the certificate: refused without its CA, accepted with it (TWILIO_CA_BUNDLE)', async () => {
    const server = await answerOk();
    const uri = `https://localhost:${server.port}/`;
    const refused = await transport()
      .request(get(uri))
      .catch((error: unknown) => error);
    expect(codeOf(refused)).toMatch(/SELF_SIGNED|CERT/);
    expect(toCliError(refused).message).toMatch(/^the API's TLS certificate could not be verified/);
    expect(toCliError(refused).hint).toMatch(/TWILIO_CA_BUNDLE/);
    const ca = readFileSync(TLS_CERT_PATH, 'utf8');
    expect((await transport({ ca }).request(get(uri))).body).toBe('{"tls":true}');
  });

  it('tunnels https through HTTPS_PROXY with its credentials, one CONNECT for several requests', async () => {
    const server = await answerOk();
    const proxy = await startProxy({ tunnelPort: server.port });
    opened.push(proxy);
    const carrier = transport({
      env: { HTTPS_PROXY: `http://me:p%40ss@127.0.0.1:${proxy.port}` },
      ca: readFileSync(TLS_CERT_PATH, 'utf8'),
    });
    for (let i = 0; i < 3; i++) expect((await carrier.request(get(`https://${PROXIED_HOST}:${server.port}/v2/x`))).statusCode).toBe(200);
    expect(proxy.seen).toEqual([
      expect.objectContaining({
        method: 'CONNECT',
        target: `${PROXIED_HOST}:${server.port}`,
        headers: expect.objectContaining({ 'proxy-authorization': `Basic ${Buffer.from('me:p@ss').toString('base64')}` }) as unknown,
      }),
    ]);
  });

  it('uses HTTP_PROXY for https when HTTPS_PROXY is unset (as the SDK does), and names a refused tunnel', async () => {
    const proxy = await startProxy({ refuse: 407 });
    opened.push(proxy);
    const failure = await transport({ env: { http_proxy: `127.0.0.1:${proxy.port}` } })
      .request(get(`https://${PROXIED_HOST}/v2/x`))
      .catch((error: unknown) => error);
    expect(codeOf(failure)).toBe('EPROXY');
    expect(toCliError(failure).message).toMatch(
      /through the proxy: the proxy 127\.0\.0\.1:\d+ refused the tunnel to api\.proxied\.test:443: HTTP 407/,
    );
    expect(proxy.seen.map((entry) => entry.method)).toEqual(['CONNECT']);
  });

  it('goes direct for a NO_PROXY host and for loopback', async () => {
    const proxy = await startProxy({});
    opened.push(proxy);
    const server = await recorder();
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: `.proxied.test` };
    const direct = await transport({ env })
      .request(get(`https://${PROXIED_HOST}/`))
      .catch((error: unknown) => error);
    expect(codeOf(direct)).toMatch(/ENOTFOUND|EAI_AGAIN/); // looked up itself: the name resolves nowhere
    expect((await transport({ env }).request(get(server.url))).statusCode).toBe(200);
    expect(proxy.seen).toEqual([]);
  });

  it('sends plain http to HTTP_PROXY with the absolute URL', async () => {
    const proxy = await startProxy({ direct: (_, response) => response.writeHead(200).end('{"via":"proxy"}') });
    opened.push(proxy);
    const answer = await transport({ env: { HTTP_PROXY: `http://u:p@127.0.0.1:${proxy.port}` } }).request(
      get(`http://${PROXIED_HOST}:8080/v2/x`, { params: { A: 1 } }),
    );
    expect(answer.body).toBe('{"via":"proxy"}');
    expect(proxy.seen).toEqual([
      expect.objectContaining({
        method: 'GET',
        target: `http://${PROXIED_HOST}:8080/v2/x?A=1`,
        headers: expect.objectContaining({
          host: `${PROXIED_HOST}:8080`,
          'proxy-authorization': `Basic ${Buffer.from('u:p').toString('base64')}`,
        }) as unknown,
      }),
    ]);
  });
});
