// The emulator as a well-behaved HTTP server (issue 10 §9): what a raw client sees on the wire.
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';

/** The emulator's body limit (10 MiB), one byte over. */
const OVER_LIMIT = 10 * 1024 * 1024 + 1;

interface RawAnswer {
  statusLine: string;
  headers: string;
  /** True once the server closed its side of the connection. */
  closed: boolean;
}

/** Writes `data` on a fresh TCP connection and reads until the server closes it. */
function rawExchange(port: number, data: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => {}); // a reset after the answer is not the test's concern
    socket.on('close', () => {
      const [head = ''] = received.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      if (!statusLine) reject(new Error('the connection closed without an answer'));
      else resolve({ statusLine, headers: headerLines.join('\n').toLowerCase(), closed: true });
    });
    socket.write(data);
  });
}

/** Sends the request head only (a body is announced but never sent) and resolves with the first answer. */
function headOnly(port: number, head: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...headerLines] = received.slice(0, end).split('\r\n');
      socket.destroy();
      resolve({ statusLine, headers: headerLines.join('\n').toLowerCase(), closed: false });
    });
    socket.write(head);
  });
}

describe('the emulator as an HTTP server', () => {
  let emulator: TestEmulator;
  let authorization: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    authorization = `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`;
  });

  afterAll(async () => {
    await emulator.close();
    expect(emulator.violations).toEqual([]);
  });

  function get(agent: Agent, path: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${emulator.url}${path}`, { agent, headers: { authorization } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      request.on('error', reject);
      request.end();
    });
  }

  it('answers an oversize body (by Content-Length) with 413 and closes the connection', async () => {
    const answer = await rawExchange(
      emulator.port,
      `POST /v2/Services HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${OVER_LIMIT}\r\n\r\nUniqueName=a`,
    );
    expect(answer.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(answer.headers).toContain('connection: close');
    expect(answer.closed).toBe(true);
  });

  it('answers an oversize chunked body with 413, closes the connection, and the next request on the agent works', async () => {
    const chunk = Buffer.alloc(OVER_LIMIT, 'a');
    const answer = await rawExchange(
      emulator.port,
      Buffer.concat([
        Buffer.from(
          `POST /v2/Services HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\n` +
            `Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n${OVER_LIMIT.toString(16)}\r\n`,
        ),
        chunk,
        Buffer.from('\r\n0\r\n\r\n'),
      ]),
    );
    expect(answer.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(answer.headers).toContain('connection: close');

    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await get(agent, '/v2/Services')).status).toBe(200);
      expect((await get(agent, '/v2/Services')).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('checks credentials before it reads a body', async () => {
    // The body is announced but never sent: a server that reads it first never answers.
    const answer = await headOnly(
      emulator.port,
      'POST /v2/Services HTTP/1.1\r\nHost: x\r\nAuthorization: Basic d3Jvbmc6d3Jvbmc=\r\n' +
        'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n',
    );
    expect(answer.statusLine).toBe('HTTP/1.1 401 Unauthorized');
    expect(answer.headers).toContain('connection: close');
  });

  it('sends WWW-Authenticate with a 401', async () => {
    const response = await fetch(`${emulator.url}/v2/Services`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="Twilio API"');
  });

  it('matches the form media type case-insensitively', async () => {
    const response = await fetch(`${emulator.url}/v2/Services`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'Application/X-WWW-Form-URLEncoded; Charset=UTF-8' },
      body: 'UniqueName=mixed-case-media-type',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ unique_name: 'mixed-case-media-type' });
  });
});
