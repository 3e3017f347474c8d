import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isAuthorized, type Credentials } from './auth.js';
import { hasBody, readRequestBody } from './body.js';
import type { Faults } from './faults.js';
import { HttpError, internalError, methodNotAllowed, notFound, unauthorized } from './errors.js';
import { toParamMap, type ParamMap } from './params.js';
import { Router, type Reply, type RequestContext, type Route } from './router.js';
import { operatorRoutes } from './routes/operators.js';
import { voiceRoutes } from './routes/voice.js';
import { serviceRoutes } from './routes/services.js';
import type { Stats } from './stats.js';
import { statsRoutes } from './routes/stats.js';
import { PersistError, type Store } from './store.js';
import { transcriptionRoutes } from './routes/transcription.js';
import type { Transcriber } from './transcripts/transcriber.js';
import { v3Routes } from './v3/routes.js';
import { conversationsRoutes } from './conversations/routes.js';
import { memoryRoutes } from './memory/routes.js';
import { voiceApiRoutes } from './voice/routes.js';
import { errorBodyFor, faultHeadersFor } from './v3/http.js';

/** The route table: adding a resource is one more spread here. */
const ROUTES: Route[] = [
  ...serviceRoutes,
  ...statsRoutes,
  ...operatorRoutes,
  ...transcriptionRoutes,
  ...voiceRoutes,
  ...v3Routes,
  ...conversationsRoutes,
  ...memoryRoutes,
  ...voiceApiRoutes,
];

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

export interface ServerDependencies {
  credentials: Credentials;
  store: Store;
  stats: Stats;
  transcriber: Transcriber;
  faults: Faults;
  log: (line: string) => void;
  observe?: (exchange: Exchange) => void;
}

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
  const fault = await deps.faults.enter(request, response);
  if (fault.kind === 'reset') return void request.socket.destroy();
  if (fault.kind === 'reply') {
    const path = new URL(request.url ?? '/', 'http://emulator').pathname;
    response.writeHead(fault.error.status, { ...faultHeadersFor(path, fault), 'Content-Type': 'application/json; charset=utf-8' });
    return void response.end(JSON.stringify(errorBodyFor(path, fault.error)));
  }
  await handle(router, deps, request, response, fault.kind === 'reset-after-commit');
}

/**
 * Route, credentials, then the body (an unauthorised client never gets to send one), then the
 * handler: a GET runs as is (it cannot change anything), anything else as one store commit, so
 * its answer is sent only once its change is saved.
 */
async function handle(router: Router, deps: ServerDependencies, request: IncomingMessage, response: ServerResponse, dropResponse: boolean) {
  const method = request.method ?? 'GET';
  const url = splitTarget(request.url ?? '/');
  const query = toParamMap(new URLSearchParams(url.search));
  let form: ParamMap = {};
  let json: unknown;
  let bodyRead = false;
  let pattern: string | undefined;
  let reply: Reply;
  try {
    const match = router.match(method, url.pathname);
    const isPublic = match.kind === 'found' && match.route.public === true;
    if (!isPublic && !isAuthorized(request.headers.authorization, deps.credentials)) throw unauthorized();
    if (match.kind === 'none') throw notFound(url.pathname);
    if (match.kind === 'wrong-method') throw methodNotAllowed(method, url.pathname);
    pattern = match.route.pattern;
    ({ form, json } = await readRequestBody(request, url.pathname));
    bodyRead = true;
    const context: RequestContext = {
      method: match.route.method,
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
    };
    const { handler } = match.route;
    reply = method === 'GET' ? await handler(context) : await deps.store.commit(() => handler(context));
  } catch (error) {
    reply = errorReply(error, deps.log, url.pathname);
  }
  deps.stats.recordRequest(method, pattern);
  if (dropResponse) return void request.socket.destroy(); // applied, but the client never hears so

  const headers: Record<string, string> = { ...reply.headers };
  const payload = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  if (payload && reply.text === undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  if (reply.status === 405 && !headers.Allow) headers.Allow = allowedMethods(router, url.pathname);
  // A body left unread (refused, or too large) cannot be skipped reliably: the connection ends with this answer.
  if (!bodyRead && hasBody(request)) headers.Connection = 'close';
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
  if (error instanceof PersistError) {
    log(`emulator: could not save the state file, the change was rolled back: ${error.message}`);
    return replyFor(path, internalError('Internal Server Error: the change could not be saved, so it was not applied'));
  }
  if (error instanceof HttpError) return replyFor(path, error);
  log(`emulator: internal error: ${error instanceof Error ? error.stack : String(error)}`);
  return replyFor(path, internalError());
}

function replyFor(path: string, error: HttpError): Reply {
  return { status: error.status, body: errorBodyFor(path, error), headers: error.headers };
}

/** The request target as path and query (cheaper than a URL, which would also resolve an origin). */
function splitTarget(target: string): { pathname: string; search: string } {
  const question = target.indexOf('?');
  return question < 0 ? { pathname: target, search: '' } : { pathname: target.slice(0, question), search: target.slice(question + 1) };
}

function allowedMethods(router: Router, path: string): string {
  const match = router.match('', path);
  return match.kind === 'wrong-method' ? [...new Set(match.allowed)].join(', ') : '';
}
