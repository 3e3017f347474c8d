import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Faults } from './faults.js';
import { HttpError, internalError, methodNotAllowed, notFound, unauthorized } from './errors.js';
import { toParamMap, type ParamMap } from './params.js';
import { Router, type Method, type Reply, type Route } from './router.js';
import { operatorRoutes } from './routes/operators.js';
import { voiceRoutes } from './routes/voice.js';
import { serviceRoutes } from './routes/services.js';
import { Stats, statsRoutes } from './stats.js';
import type { Store } from './store.js';
import { transcriptionRoutes } from './routes/transcription.js';
import type { Transcriber } from './transcripts/transcriber.js';
import { v3Routes } from './v3/routes.js';
import { errorBodyFor, faultHeadersFor, isV3Path, readV3Body } from './v3/http.js';

/** The route table: adding a resource is one more spread here. */
const ROUTES: Route[] = [...serviceRoutes, ...statsRoutes, ...operatorRoutes, ...transcriptionRoutes, ...voiceRoutes, ...v3Routes];

/** One request/response pair, as reported to `observe` after the response is sent. */
export interface Exchange {
  method: string;
  /** Path without query, e.g. /v2/Services/GA… */
  path: string;
  query: ParamMap;
  form: ParamMap;
  /** Parsed JSON request body (v3 paths); undefined when there is none. */
  json?: unknown;
  /** Request headers. */
  headers: IncomingHttpHeaders;
  status: number;
  /** Parsed response body; undefined when there is none (204). */
  body: unknown;
  responseHeaders: Record<string, string>;
}

export interface Credentials {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
}

export interface ServerDependencies {
  credentials: Credentials;
  store: Store;
  stats: Stats;
  transcriber: Transcriber;
  faults: Faults;
  log: (line: string) => void;
  observe?: (exchange: Exchange) => void;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function createEmulatorServer(deps: ServerDependencies): Server {
  const router = new Router(ROUTES);
  return createServer((request, response) => {
    serve(router, deps, request, response).catch((error: unknown) => {
      // Only reachable if writing the response itself failed (e.g. the client went away).
      deps.log(`emulator: failed to answer ${request.method} ${request.url}: ${String(error)}`);
      response.destroy();
    });
  });
}

/** Fault injection first (see faults.ts), then the real handling. */
async function serve(router: Router, deps: ServerDependencies, request: IncomingMessage, response: ServerResponse) {
  const { fault, done } = await deps.faults.enter(request);
  response.on('close', done);
  if (fault.kind === 'reset') return void request.socket.destroy();
  if (fault.kind === 'reply') {
    const path = new URL(request.url ?? '/', 'http://emulator').pathname;
    response.writeHead(fault.error.status, { ...faultHeadersFor(path, fault), 'Content-Type': 'application/json; charset=utf-8' });
    return void response.end(JSON.stringify(errorBodyFor(path, fault.error)));
  }
  await handle(router, deps, request, response, fault.kind === 'reset-after-commit');
}

async function handle(router: Router, deps: ServerDependencies, request: IncomingMessage, response: ServerResponse, dropResponse: boolean) {
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://emulator');
  const query = toParamMap(url.searchParams);
  let form: ParamMap = {};
  let json: unknown;
  let pattern: string | undefined;
  let reply: Reply;
  try {
    const raw = await readBody(request);
    const contentType = request.headers['content-type'] ?? '';
    form =
      raw.length > 0 && contentType.startsWith('application/x-www-form-urlencoded')
        ? toParamMap(new URLSearchParams(raw.toString('utf8')))
        : {};
    const match = router.match(method, url.pathname);
    const isPublic = match.kind === 'found' && match.route.public === true;
    if (!isPublic && !isAuthorized(request.headers.authorization, deps.credentials)) throw unauthorized();
    if (isV3Path(url.pathname)) json = readV3Body(contentType, raw);
    if (match.kind === 'none') throw notFound(url.pathname);
    if (match.kind === 'wrong-method') throw methodNotAllowed(method, url.pathname);
    pattern = match.route.pattern;
    reply = await match.route.handler({
      method: method as Method,
      params: match.params,
      query,
      form,
      body: json,
      headers: request.headers,
      origin: `http://${request.headers.host ?? 'localhost'}`,
      accountSid: deps.credentials.accountSid,
      store: deps.store,
      stats: deps.stats,
      transcriber: deps.transcriber,
    });
  } catch (error) {
    reply = errorReply(error, deps.log, url.pathname);
  }
  deps.stats.recordRequest(method, pattern);
  try {
    await deps.store.save(); // an acknowledged change must already be on disk
  } catch (error) {
    deps.log(`emulator: could not save the state file: ${String(error)}`);
  }
  if (dropResponse) return void request.socket.destroy(); // applied, but the client never hears so

  const headers: Record<string, string> = { ...reply.headers };
  const payload = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  if (payload && reply.text === undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  if (reply.status === 405 && !headers.Allow) headers.Allow = allowedMethods(router, url.pathname);
  response.writeHead(reply.status, headers);
  response.end(payload);
  deps.observe?.({
    method,
    path: url.pathname,
    query,
    form,
    json,
    headers: request.headers,
    status: reply.status,
    body: reply.body,
    responseHeaders: headers,
  });
}

function errorReply(error: unknown, log: (line: string) => void, path: string): Reply {
  const httpError = error instanceof HttpError ? error : internalError();
  if (httpError !== error) log(`emulator: internal error: ${error instanceof Error ? error.stack : String(error)}`);
  return { status: httpError.status, body: errorBodyFor(path, httpError) };
}

function allowedMethods(router: Router, path: string): string {
  const match = router.match('', path);
  return match.kind === 'wrong-method' ? [...new Set(match.allowed)].join(', ') : '';
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 20001, `Request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** HTTP Basic with the account SID + auth token, or an API key SID + secret (as Twilio accepts). */
function isAuthorized(header: string | undefined, credentials: Credentials): boolean {
  const [, encoded] = /^Basic\s+(\S+)$/i.exec(header ?? '') ?? [];
  if (encoded === undefined) return false;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (user === credentials.accountSid) return sameSecret(secret, credentials.authToken);
  if (user === credentials.apiKeySid) return sameSecret(secret, credentials.apiKeySecret);
  return false;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
