// A server that answers like an attacker or a broken proxy: pages that loop, answers that trickle,
// bodies that explode when decompressed, pages of the wrong shape. ci must end each run with exit 1
// and one clear line, never loop, hang, blow up its memory or print a raw TypeError.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ci as inProcess } from '../support/cli.js';

const ACCOUNT = `AC${'0'.repeat(32)}`;
const env = { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: 'hostile-test-token' };
const service = (n: number) => ({ sid: `GA${String(n).padStart(32, '0')}`, unique_name: `svc-${n}`, account_sid: ACCOUNT });
const TWILIO_SERVICES = 'https://intelligence.twilio.com/v2/Services';

function page(services: unknown, nextPageUrl: string | null, extra: Record<string, unknown> = {}) {
  return {
    services,
    meta: {
      page: 0,
      page_size: 50,
      first_page_url: TWILIO_SERVICES,
      previous_page_url: null,
      url: TWILIO_SERVICES,
      next_page_url: nextPageUrl,
      key: 'services',
    },
    ...extra,
  };
}

function json(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** 1 MiB of JSON whitespace as one gzip member; members concatenate into one stream. */
const GZIP_MIB = gzipSync(Buffer.alloc(1024 * 1024, ' '));
const BOMB_MIB = 256;

async function gzipBomb(response: ServerResponse): Promise<void> {
  response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
  for (let i = 0; i < BOMB_MIB && !response.destroyed; i++) {
    if (!response.write(GZIP_MIB)) await new Promise((resolve) => response.once('drain', resolve));
  }
  response.end();
}

const TRICKLE_MS = 100;

function trickle(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.write('{"services":[');
  // A byte well within every idle timeout, so only the bound on the whole answer can end it.
  const timer = setInterval(() => response.write(' '), TRICKLE_MS);
  request.socket.on('close', () => clearInterval(timer));
}

type Mode = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

const MODES: Record<string, Mode> = {
  // The next page is the page itself.
  self: (_, response, url) => json(response, page([service(1)], `${TWILIO_SERVICES}${url.search}`)),
  // A → B → A.
  cycle: (_, response, url) =>
    json(
      response,
      page(
        [service(url.searchParams.get('Page') === '1' ? 2 : 1)],
        `${TWILIO_SERVICES}?PageSize=50&Page=${url.searchParams.get('Page') === '1' ? 0 : 1}`,
      ),
    ),
  trickle,
  bomb: (_, response) => gzipBomb(response),
  'missing-key': (_, response) => json(response, { meta: page([], null).meta }),
  'not-a-list': (_, response) => json(response, page('nope', null)),
  'null-item': (_, response) => json(response, page([null], null)),
  'blank-item': (_, response) => json(response, page([{}], null)),
  'numeric-sid': (_, response) => json(response, page([{ sid: 5, unique_name: 'x' }], null)),
};

let server: Server;
let base: string;
const requests: Record<string, number> = {};

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [, mode = ''] = url.pathname.split('/');
    requests[mode] = (requests[mode] ?? 0) + 1;
    const handler = MODES[mode];
    if (!handler) return void response.writeHead(404).end();
    void Promise.resolve(handler(request, response, url)).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// In-process: what is under test is the client's handling of the answers, not the process around it.
const ci = (mode: string, ...args: string[]) => inProcess(['--api-url', `${base}/${mode}`, ...args], { env });

/** Exit 1 with exactly one `ci:` line on stderr, matching `message`, and no stack trace. */
function expectOneLineFailure(result: { code: number | null; stderr: string }, message: RegExp): void {
  const lines = result.stderr.split('\n').filter(Boolean);
  expect({ code: result.code, lines }).toEqual({ code: 1, lines: [expect.stringMatching(message)] });
  expect(result.stderr).not.toMatch(/TypeError|\n\s+at /);
}

describe('paging against a server whose pages loop', () => {
  it('stops at a next page already visited, after two requests', async () => {
    const result = await ci('self', 'services', 'list');
    expectOneLineFailure(result, /^ci: the API's pages loop: the next page .* was already fetched/);
    expect(requests.self).toBe(2);
  });

  it('stops on a cycle of two pages', async () => {
    const result = await ci('cycle', 'services', 'list', '--json');
    expectOneLineFailure(result, /the API's pages loop/);
    expect(requests.cycle).toBe(3);
  });

  it('stops while resolving a service name through the listing', async () => {
    const result = await ci('self', 'services', 'show', 'no-such-name');
    expectOneLineFailure(result, /the API's pages loop/);
  });
});

describe('--request-timeout bounds the whole answer', () => {
  it('fails a server that trickles one byte every 100ms', async () => {
    const result = await ci('trickle', '--request-timeout', '500ms', '--max-retries', '0', 'services', 'list');
    expectOneLineFailure(result, /^ci: the API did not send its whole answer within 500ms/);
  });
});

describe('an answer larger than 64 MiB', () => {
  it('is refused, named as too large, not as a Twilio error', async () => {
    const result = await ci('bomb', '--max-retries', '0', 'services', 'list');
    expectOneLineFailure(result, /^ci: the API's answer is larger than 64 MiB/);
    expect(result.stderr).not.toMatch(/Twilio error/);
  });
});

describe('a page of the wrong shape is a malformed answer', () => {
  it.for(['missing-key', 'not-a-list', 'null-item', 'blank-item', 'numeric-sid'])('%s', async (mode) => {
    const result = await ci(mode, 'services', 'list');
    expectOneLineFailure(result, /^ci: the API's answer is malformed: /);
    expect(result.stdout).toBe('');
  });
});
