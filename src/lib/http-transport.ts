// ci's transport behind the SDK's documented `httpClient` option. The SDK still builds every request (URL,
// headers, parameters) and parses every answer; this only carries them, as its RequestClient does (Basic
// auth, form or JSON bodies, repeated query keys, keep-alive connections, TLS verification with TWILIO_CA_BUNDLE,
// decompression), without axios and its dependencies — most of the SDK's start-up — and with what ci needs
// around it: HTTPS_PROXY / HTTP_PROXY / NO_PROXY, an abort signal per exchange, a cap on the answer's size.
import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';
import type { Duplex } from 'node:stream';
import { AnswerTooLargeError } from './errors.js';
import { proxyEndpoint, type ProxySettings, proxyFor, unbracketed } from './proxy.js';

/** What the SDK's BaseTwilio hands its `httpClient.request`, plus ci's signal and idle timeout. */
export interface TransportRequest {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  authStrategy?: { getAuthString(): Promise<string> };
  headers?: Record<string, string>;
  params?: object;
  data?: unknown;
  signal?: AbortSignal;
  /** Longest silence on the socket before the exchange fails with ETIMEDOUT. */
  idleTimeoutMs: number;
}

/** The shape the SDK reads back: `body` a string, which its Version parses. */
export interface TransportAnswer {
  statusCode: number;
  body: string;
  headers: IncomingHttpHeaders;
}

export interface TransportSettings {
  proxy: ProxySettings;
  /** Certificates trusted for https besides Node's own (TWILIO_CA_BUNDLE's content). */
  ca?: string;
  maxAnswerBytes: number;
  maxAnswerText: string;
}

/**
 * Connections are kept alive, with Node's own limits: ci's `--concurrency` bounds the requests in flight, and a cap
 * here would queue them unseen (the SDK's RequestClient holds https at 20 sockets and keeps 5 idle ones, so a bulk run
 * at 10 reconnects whenever more than 5 answers land at once).
 */
const POOL = { keepAlive: true, maxFreeSockets: 256 };
const FORM = 'application/x-www-form-urlencoded';

/** An Error with a Node-style `code`, which the retry policy and toCliError read. */
function codedError(code: string, message: string, cause?: unknown): Error {
  return Object.assign(new Error(message, { cause }), { code });
}

/** RFC 3986 percent-encoding, as the SDK's `qs.stringify` writes keys and values. */
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function pairsOf(key: string, value: unknown, out: string[]): void {
  if (value === undefined) return;
  if (Array.isArray(value)) for (const item of value) pairsOf(key, item, out);
  else if (value instanceof Date) out.push(`${encode(key)}=${encode(value.toISOString())}`);
  else if (value !== null && typeof value === 'object')
    for (const [name, inner] of Object.entries(value)) pairsOf(`${key}[${name}]`, inner, out);
  else out.push(`${encode(key)}=${encode(scalarText(value))}`);
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return ''; // null, as qs writes it: `key=`
}

/** `qs.stringify(values, { arrayFormat: 'repeat' })`: the SDK's encoding of query strings and form bodies. */
export function formEncode(values: object): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(values)) pairsOf(key, value, out);
  return out.join('&');
}

function withQuery(uri: string, params: object | undefined): string {
  const query = params ? formEncode(params) : '';
  if (!query) return uri;
  return `${uri}${uri.includes('?') ? '&' : '?'}${query}`;
}

/** The body as the SDK's RequestClient sends it: a form or JSON, by the Content-Type the SDK set; else none. */
function bodyOf(headers: Record<string, string>, data: unknown): string | undefined {
  if (data === undefined || data === null) return undefined;
  const type = headers['Content-Type'];
  if (type === FORM && typeof data === 'object') return formEncode(data);
  if (type === 'application/json') return typeof data === 'string' ? data : JSON.stringify(data);
  return undefined;
}

type Decoder = (answer: IncomingMessage) => Promise<NodeJS.ReadableStream>;

/** A decompressing stream for the answer's Content-Encoding (zlib loads only for an encoded answer). */
const decoded: Decoder = async (answer) => {
  const encoding = String(answer.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate' && encoding !== 'br') return answer;
  const zlib = await import('node:zlib');
  const decoder = encoding === 'br' ? zlib.createBrotliDecompress() : encoding === 'deflate' ? zlib.createInflate() : zlib.createGunzip();
  answer.on('error', (error) => decoder.destroy(error));
  return answer.pipe(decoder);
};

/** The whole answer as text, at most `limit` bytes after decompression. */
async function readAnswer(answer: IncomingMessage, settings: TransportSettings): Promise<TransportAnswer> {
  const stream = await decoded(answer);
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    // The first failure is the one reported: destroying the answer makes it report a reset too.
    const fail = (error: Error) => {
      reject(error);
      answer.destroy();
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > settings.maxAnswerBytes) fail(new AnswerTooLargeError(settings.maxAnswerText));
      else chunks.push(chunk);
    });
    stream.on('error', (error: Error & { code?: string }) =>
      fail(
        error.code?.startsWith('Z_')
          ? codedError('ERR_BAD_RESPONSE', `the answer could not be decompressed: ${error.message}`, error)
          : error,
      ),
    );
    const cutShort = () => fail(codedError('ECONNRESET', 'the connection closed before the whole answer arrived'));
    answer.on('aborted', cutShort);
    stream.on('end', () => {
      if (!answer.complete) return cutShort();
      resolve({ statusCode: answer.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: answer.headers });
    });
  });
}

interface Route {
  send: (options: RequestOptions) => ClientRequest;
  options: RequestOptions;
}

type HttpModule = typeof import('node:http');
type HttpsModule = typeof import('node:https');

/** Opens the tunnel an https request through an http proxy travels: CONNECT host:port, then TLS inside it. */
function tunnelAgent(https: HttpsModule, http: HttpModule, proxy: URL, ca: string | undefined): Agent {
  class TunnelAgent extends https.Agent {
    override createConnection(options: RequestOptions, done?: (error: Error | null, stream: Duplex) => void): undefined {
      const host = String(options.host ?? options.hostname);
      const authority = `${host.includes(':') ? `[${host}]` : host}:${String(options.port)}`;
      const connect = http.request({
        ...proxyEndpoint(proxy, authority),
        method: 'CONNECT',
        path: authority,
        agent: false,
        timeout: options.timeout,
      });
      // Node's agent reads no stream from a callback given an error.
      const fail = (error: Error) => (done as ((error: Error) => void) | undefined)?.(error);
      connect.on('timeout', () => connect.destroy(codedError('ETIMEDOUT', `the proxy ${proxy.host} did not answer CONNECT`)));
      connect.on('error', fail);
      connect.on('connect', (answer, socket) => {
        if (answer.statusCode !== 200) {
          socket.destroy();
          const status = `HTTP ${answer.statusCode} ${answer.statusMessage ?? ''}`.trim();
          return fail(codedError('EPROXY', `the proxy ${proxy.host} refused the tunnel to ${authority}: ${status}`));
        }
        // TLS inside the tunnel, with the agent's own options (CA, server name, session cache).
        const secured = super.createConnection(Object.assign({}, options, { socket }));
        if (secured) done?.(null, secured);
        else fail(codedError('EPROXY', `no TLS connection through the proxy ${proxy.host}`));
      });
      connect.end();
      return undefined;
    }
  }
  return new TunnelAgent({ ...POOL, ca });
}

/** Requests, pooled per protocol and proxy; http, https and TLS load on first use. */
export class HttpTransport {
  private readonly agents = new Map<string, Agent>();
  private modules?: { http: HttpModule; https?: HttpsModule };

  constructor(private readonly settings: TransportSettings) {}

  async request(request: TransportRequest): Promise<TransportAnswer> {
    const target = new URL(withQuery(request.uri, request.params));
    const headers: Record<string, string> = { ...request.headers };
    if (!headers.Connection && !headers.connection) headers.Connection = 'keep-alive';
    if (request.username && request.password) {
      headers.Authorization = `Basic ${Buffer.from(`${request.username}:${request.password}`).toString('base64')}`;
    } else if (request.authStrategy) {
      headers.Authorization = await request.authStrategy.getAuthString();
    }
    headers['Accept-Encoding'] ??= 'gzip, deflate, br';
    const body = bodyOf(headers, request.data);
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const route = await this.routeFor(target);
    return new Promise((resolve, reject) => {
      const sent = route.send({
        ...route.options,
        method: request.method.toUpperCase(),
        headers: { ...headers, ...route.options.headers },
        signal: request.signal,
      });
      sent.setTimeout(request.idleTimeoutMs, () =>
        sent.destroy(codedError('ETIMEDOUT', `no data from ${target.host} for ${request.idleTimeoutMs} ms`)),
      );
      sent.on('error', reject);
      sent.on('response', (answer) => void readAnswer(answer, this.settings).then(resolve, reject));
      sent.end(body);
    });
  }

  /** Closes pooled connections (a process that ends need not). */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private async load(secure: boolean): Promise<{ http: HttpModule; https?: HttpsModule }> {
    this.modules ??= { http: await import('node:http') };
    if (secure) this.modules.https ??= await import('node:https');
    return this.modules;
  }

  private agent(key: string, make: () => Agent): Agent {
    let agent = this.agents.get(key);
    if (!agent) this.agents.set(key, (agent = make()));
    return agent;
  }

  private async routeFor(target: URL): Promise<Route> {
    const secure = target.protocol === 'https:';
    const { http, https } = await this.load(secure);
    const proxy = proxyFor(target, this.settings.proxy);
    const ca = this.settings.ca;
    const direct: RequestOptions = {
      host: unbracketed(target.hostname),
      port: target.port || (secure ? 443 : 80),
      path: `${target.pathname}${target.search}`,
    };
    if (secure && https) {
      const agent = proxy
        ? this.agent(`https via ${proxy.href}`, () => tunnelAgent(https, http, proxy, ca))
        : this.agent('https', () => new https.Agent({ ...POOL, ca }));
      return { send: (options) => https.request({ ...options, agent, servername: serverName(direct.host) }), options: direct };
    }
    if (!proxy)
      return { send: (options) => http.request({ ...options, agent: this.agent('http', () => new http.Agent(POOL)) }), options: direct };
    // Plain http through a proxy: the request goes to the proxy, with the target's absolute URL as its path.
    const agent = this.agent(`http via ${proxy.href}`, () => new http.Agent(POOL));
    return { send: (options) => http.request({ ...options, agent }), options: { ...proxyEndpoint(proxy, target.host), path: target.href } };
  }
}

/** TLS server name indication takes host names only, never an IP address. */
function serverName(host: string | null | undefined): string | undefined {
  if (!host || /^[\d.]+$/.test(host) || host.includes(':')) return undefined;
  return host;
}
