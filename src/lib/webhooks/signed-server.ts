// An HTTP server for requests from Twilio: every request is size-limited, time-limited,
// method-checked and signature-checked before an endpoint sees it; endpoints answer at once and may
// queue work to run after the answer is sent (Twilio times out slow webhooks and retries some of
// them). Deliveries of events are de-duplicated, and their queued work is bounded.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { loadSignatureValidators, type SignatureValidators } from '../client.js';
import { messageOf } from '../thrown.js';
import { DEFAULT_DELIVERY_LOG_LIMITS, DeliveryLog, deliveryKey, type DeliveryLogLimits } from './delivery-log.js';
import { FollowUpQueue } from './followup-queue.js';
import { isForm, paramsOf, verifySignature, type Params } from './verify.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** What one receiver holds at most; a request beyond a limit is refused before it costs more. */
export interface ReceiverLimits {
  /** Requests whose body is being read or whose signature is being checked. */
  maxUnverified: number;
  /** Time to receive a request's whole body. */
  bodyTimeoutMs: number;
  /** Follow-up tasks queued or running. */
  maxQueuedFollowUps: number;
  deliveryLog: DeliveryLogLimits;
}

export const DEFAULT_RECEIVER_LIMITS: ReceiverLimits = {
  maxUnverified: 32,
  bodyTimeoutMs: 10_000,
  maxQueuedFollowUps: 100,
  deliveryLog: DEFAULT_DELIVERY_LOG_LIMITS,
};

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
  /**
   * Deliveries of events, which Twilio may send more than once: a replay is answered 200 without
   * being handled again, and while the follow-up queue is full a new one is answered 503.
   * (The voice webhook is not one: its answer is the TwiML, and answering twice is harmless.)
   */
  deliveries?: boolean;
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
  /** A replayed delivery, answered 200 and not handled again. */
  onDuplicate(message: string): void;
  onError(message: string): void;
  limits?: Partial<ReceiverLimits>;
}

export interface SignedServer {
  /** Where the server listens, e.g. http://127.0.0.1:4040 */
  localUrl: string;
  /** Where Twilio should send requests: the public URL when given, else the local one. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Said at start-up when signatures are checked without a public URL. */
export const HOST_HEADER_WARNING =
  "no --public-url: signatures are checked against a URL built from each request's Host header, which the sender chooses; " +
  'pass --public-url with the URL Twilio calls (the safe setting, and needed behind a tunnel or proxy)';

export const OK_JSON: Omit<EndpointReply, 'afterwards'> = { status: 200, contentType: 'application/json', body: '{"ok":true}' };

class RequestTooLarge extends Error {}
class RequestTooSlow extends Error {}

type Answer = Omit<EndpointReply, 'afterwards'>;

const json = (status: number, body: object): Answer => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(body),
});

/** What one server's requests share: its options and limits, the signature check, and the bounded state. */
interface Receiver {
  options: SignedServerOptions;
  limits: ReceiverLimits;
  /** undefined when verification is off. */
  signer: { validators: SignatureValidators; authToken: string } | undefined;
  publicBase: string | undefined;
  deliveries: DeliveryLog;
  followUps: FollowUpQueue;
  /** Requests being read or checked now. */
  unverified: number;
}

export async function startSignedServer(options: SignedServerOptions): Promise<SignedServer> {
  const limits = { ...DEFAULT_RECEIVER_LIMITS, ...options.limits };
  const { authToken } = options;
  const receiver: Receiver = {
    options,
    limits,
    signer: authToken === undefined ? undefined : { validators: await loadSignatureValidators(), authToken },
    publicBase: options.publicUrl?.replace(/\/+$/, ''),
    deliveries: new DeliveryLog(limits.deliveryLog),
    followUps: new FollowUpQueue(limits.maxQueuedFollowUps, (error) => options.onError(messageOf(error))),
    unverified: 0,
  };
  const server = createServer(
    // Backstops for what never reaches the handler (slow headers); the body has its own, shorter timer.
    { headersTimeout: limits.bodyTimeoutMs, requestTimeout: limits.bodyTimeoutMs * 2, connectionsCheckingInterval: 1000 },
    (request, response) => {
      void handle(receiver, request, response).catch((error: unknown) => {
        options.onError(`${request.method} ${request.url}: ${messageOf(error)}`);
        if (!response.headersSent) reply(response, json(500, { ok: false }));
        else response.destroy();
      });
    },
  );
  const port = await listen(server, options.port, options.host);
  const localUrl = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return { localUrl, baseUrl: receiver.publicBase ?? localUrl, close: () => closeServer(server) };
}

/** Listens, and resolves with the port (the one picked, for port 0). */
async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`the server on ${host} has no TCP port`);
  return address.port;
}

function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

async function handle(receiver: Receiver, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const target = request.url ?? '/';
  const local = new URL(target, 'http://localhost');
  const endpoint = receiver.options.endpoints.find((candidate) => candidate.path === local.pathname);
  if (!endpoint) return reply(response, json(404, { ok: false, error: 'not found' }));
  const method = endpoint.methods.find((allowed) => allowed === request.method);
  if (!method) {
    response.setHeader('Allow', endpoint.methods.join(', '));
    return reply(response, json(405, { ok: false, error: `method ${request.method} not allowed` }));
  }
  if (receiver.unverified >= receiver.limits.maxUnverified) {
    response.setHeader('Retry-After', '1');
    return closeWith(response, json(503, { ok: false, error: 'too many requests in flight' }));
  }
  receiver.unverified++;
  let verified: VerifiedRequest | undefined;
  try {
    verified = await receive(receiver, { request, response, method, target, local });
  } finally {
    receiver.unverified--;
  }
  if (verified) dispatch(receiver, endpoint, verified, { request, response });
}

/** One request on its way in, with what the router learnt of it. */
interface Incoming {
  request: IncomingMessage;
  response: ServerResponse;
  method: TwilioMethod;
  /** Path and query as received. */
  target: string;
  /** The target parsed (its host means nothing). */
  local: URL;
}

/** Reads and checks one request; undefined when it was refused (the answer is already sent). */
async function receive(receiver: Receiver, incoming: Incoming): Promise<VerifiedRequest | undefined> {
  const { request, method, target, local } = incoming;
  const body = await bodyOrRefusal(request, incoming.response, receiver.limits.bodyTimeoutMs);
  if (body === undefined) return undefined;
  const contentType = request.headers['content-type'] ?? '';
  const url = `${receiver.publicBase ?? `http://${request.headers.host ?? 'localhost'}`}${target}`;
  if (receiver.signer) {
    const signature = firstValue(request.headers['x-twilio-signature']);
    const verdict = verifySignature(receiver.signer.validators, receiver.signer.authToken, { method, url, contentType, body, signature });
    if (!verdict.ok) {
      const hint =
        !receiver.publicBase && verdict.reason.startsWith('X-Twilio-Signature does not match')
          ? ' (behind a tunnel? pass --public-url)'
          : '';
      receiver.options.onRejected(`refused ${method} ${target} from ${request.socket.remoteAddress}: ${verdict.reason}${hint}`);
      return void reply(incoming.response, json(403, { ok: false, error: 'invalid signature' }));
    }
  }
  const params = { ...paramsOf(local.searchParams), ...bodyParams(contentType, body) };
  delete params.bodySHA256;
  return { method, path: local.pathname, params, headers: request.headers, body, target, url };
}

/** The body; undefined when it was too large or too slow (refused, and the connection closed). */
async function bodyOrRefusal(request: IncomingMessage, response: ServerResponse, timeoutMs: number): Promise<Buffer | undefined> {
  try {
    return await readBody(request, timeoutMs);
  } catch (error) {
    if (error instanceof RequestTooLarge)
      return void closeWith(response, json(413, { ok: false, error: `body larger than ${MAX_BODY_BYTES} bytes` }));
    if (error instanceof RequestTooSlow) return void closeWith(response, json(408, { ok: false, error: 'body not received in time' }));
    throw error;
  }
}

/** Hands a verified request to its endpoint, unless it is a replay, or there is no room for its follow-ups. */
function dispatch(
  receiver: Receiver,
  endpoint: Endpoint,
  request: VerifiedRequest,
  { request: incoming, response }: Pick<Incoming, 'request' | 'response'>,
): void {
  if (endpoint.deliveries) {
    const refusal = deliveryRefusal(receiver, request, incoming);
    if (refusal) {
      if (refusal.retryAfter) response.setHeader('Retry-After', refusal.retryAfter);
      return reply(response, refusal.answer);
    }
  }
  const answer = endpoint.handle(request);
  reply(response, answer);
  if (answer.afterwards) receiver.followUps.push(answer.afterwards);
}

/** Why a delivery is answered without being handled (a replay, or a full queue); undefined when it is new and logged. */
function deliveryRefusal(
  { deliveries, followUps, options }: Receiver,
  request: VerifiedRequest,
  incoming: IncomingMessage,
): { answer: Answer; retryAfter?: string } | undefined {
  const idempotencyToken = firstValue(request.headers['i-twilio-idempotency-token']);
  const key = deliveryKey({
    idempotencyToken,
    signature: firstValue(request.headers['x-twilio-signature']),
    url: request.url,
    body: request.body,
  });
  if (deliveries.has(key)) {
    const which = idempotencyToken ? `I-Twilio-Idempotency-Token ${idempotencyToken}` : 'same signature and body';
    options.onDuplicate(
      `duplicate delivery of ${request.method} ${request.target} from ${incoming.socket.remoteAddress} (${which}): answered 200, not handled again`,
    );
    return { answer: OK_JSON };
  }
  if (followUps.full) {
    options.onError(`${followUps.size} follow-ups are waiting: answered ${request.method} ${request.target} with 503, Twilio will retry`);
    return { answer: json(503, { ok: false, error: 'busy, try again later' }), retryAfter: '5' };
  }
  deliveries.add(key);
  return undefined;
}

function reply(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, { 'Content-Type': answer.contentType });
  response.end(answer.body);
}

/** Answers and ends the connection: the rest of the request is never read. */
function closeWith(response: ServerResponse, answer: Answer): void {
  response.setHeader('Connection', 'close');
  response.once('finish', () => response.socket?.destroySoon());
  reply(response, answer);
}

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

/** The whole body, within MAX_BODY_BYTES and `timeoutMs`. */
function readBody(request: IncomingMessage, timeoutMs: number): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.reject(new RequestTooLarge());
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: Error) => {
      clearTimeout(timer);
      request.removeAllListeners('data');
      request.pause();
      reject(error);
    };
    const timer = setTimeout(() => fail(new RequestTooSlow()), timeoutMs);
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return fail(new RequestTooLarge());
      chunks.push(chunk);
    });
    request.once('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    request.once('error', fail);
  });
}

/** Form fields, or a JSON object's fields as strings; anything else carries no parameters. */
function bodyParams(contentType: string, body: Buffer): Params {
  if (isForm(contentType)) return paramsOf(new URLSearchParams(body.toString('utf8')));
  if (!contentType.toLowerCase().startsWith('application/json')) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
    );
  } catch {
    return {};
  }
}
