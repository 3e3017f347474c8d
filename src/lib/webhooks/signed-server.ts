// An HTTP server for requests from Twilio: every request is size-limited, method-checked and
// signature-checked before an endpoint sees it; endpoints answer at once and may queue work
// to run after the answer is sent (Twilio times out slow webhooks and retries some of them).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSignatureValidators } from '../client.js';
import { isForm, paramsOf, verifySignature, type Params } from './verify.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export type TwilioMethod = 'GET' | 'POST';

export interface VerifiedRequest {
  method: TwilioMethod;
  path: string;
  /** Query parameters overlaid with the body's (form or JSON), as Twilio Functions present them. */
  params: Params;
  headers: IncomingHttpHeaders;
  /** The body exactly as received, for --forward-to. */
  body: Buffer;
  /** Path and query as received. */
  target: string;
  /** The URL Twilio called (public URL + target), the one the signature covers. */
  url: string;
}

export interface EndpointReply {
  status: number;
  contentType: string;
  body: string;
  /** Runs after the answer is sent; a failure is reported through onError. */
  afterwards?: () => Promise<void>;
}

export interface Endpoint {
  path: string;
  methods: readonly TwilioMethod[];
  handle(request: VerifiedRequest): EndpointReply;
}

export interface SignedServerOptions {
  host: string;
  port: number;
  /** The URL Twilio calls (a tunnel); request paths are appended to it to check signatures. */
  publicUrl?: string;
  /** undefined turns verification off (--no-verify). */
  authToken: string | undefined;
  endpoints: Endpoint[];
  /** A request refused with 403, and why. */
  onRejected(message: string): void;
  onError(message: string): void;
}

export interface SignedServer {
  /** Where the server listens, e.g. http://127.0.0.1:4040 */
  localUrl: string;
  /** Where Twilio should send requests: the public URL when given, else the local one. */
  baseUrl: string;
  close(): Promise<void>;
}

export const OK_JSON: Omit<EndpointReply, 'afterwards'> = { status: 200, contentType: 'application/json', body: '{"ok":true}' };

class RequestTooLarge extends Error {}

export async function startSignedServer(options: SignedServerOptions): Promise<SignedServer> {
  const validators = options.authToken === undefined ? undefined : await loadSignatureValidators();
  const publicBase = options.publicUrl?.replace(/\/+$/, '');
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      options.onError(`${request.method} ${request.url}: ${(error as Error).message}`);
      if (!response.headersSent) reply(response, { status: 500, contentType: 'application/json', body: '{"ok":false}' });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/';
    const local = new URL(target, 'http://localhost');
    const endpoint = options.endpoints.find((candidate) => candidate.path === local.pathname);
    if (!endpoint) return reply(response, { status: 404, contentType: 'application/json', body: '{"ok":false,"error":"not found"}' });
    const method = request.method as TwilioMethod;
    if (!endpoint.methods.includes(method)) {
      response.setHeader('Allow', endpoint.methods.join(', '));
      return reply(response, {
        status: 405,
        contentType: 'application/json',
        body: `{"ok":false,"error":"method ${request.method} not allowed"}`,
      });
    }
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (!(error instanceof RequestTooLarge)) throw error;
      response.setHeader('Connection', 'close');
      return reply(response, {
        status: 413,
        contentType: 'application/json',
        body: `{"ok":false,"error":"body larger than ${MAX_BODY_BYTES} bytes"}`,
      });
    }
    const contentType = request.headers['content-type'] ?? '';
    const url = `${publicBase ?? `http://${request.headers.host ?? 'localhost'}`}${target}`;
    if (validators) {
      const signature = request.headers['x-twilio-signature'];
      const verdict = verifySignature(validators, options.authToken!, {
        method,
        url,
        contentType,
        body,
        signature: Array.isArray(signature) ? signature[0] : signature,
      });
      if (!verdict.ok) {
        const hint =
          !publicBase && verdict.reason.startsWith('X-Twilio-Signature does not match') ? ' (behind a tunnel? pass --public-url)' : '';
        options.onRejected(`refused ${method} ${target} from ${request.socket.remoteAddress}: ${verdict.reason}${hint}`);
        return reply(response, { status: 403, contentType: 'application/json', body: '{"ok":false,"error":"invalid signature"}' });
      }
    }
    const params = { ...paramsOf(local.searchParams), ...bodyParams(contentType, body) };
    delete params.bodySHA256;
    const answer = endpoint.handle({ method, path: local.pathname, params, headers: request.headers, body, target, url });
    reply(response, answer);
    if (answer.afterwards) answer.afterwards().catch((error: unknown) => options.onError((error as Error).message));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const localUrl = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return {
    localUrl,
    baseUrl: publicBase ?? localUrl,
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}

function reply(response: ServerResponse, answer: Omit<EndpointReply, 'afterwards'>): void {
  response.writeHead(answer.status, { 'Content-Type': answer.contentType });
  response.end(answer.body);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new RequestTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Form fields, or a JSON object's fields as strings; anything else carries no parameters. */
function bodyParams(contentType: string, body: Buffer): Params {
  if (isForm(contentType)) return paramsOf(new URLSearchParams(body.toString('utf8')));
  if (!contentType.toLowerCase().startsWith('application/json')) return {};
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
    );
  } catch {
    return {};
  }
}
