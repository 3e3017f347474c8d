import type { IncomingHttpHeaders } from 'node:http';
import type { ParamMap } from './params.js';
import type { Stats } from './stats.js';
import type { Store } from './store.js';
import type { Transcriber } from './transcripts/transcriber.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Everything a handler may use; handlers do no IO of their own. */
export interface RequestContext {
  method: Method;
  /** Decoded path captures, e.g. { Sid: 'GA…' } for /v2/Services/{Sid} */
  params: Record<string, string>;
  query: ParamMap;
  form: ParamMap;
  /** Parsed JSON body of a v3 request (see v3/http.ts); undefined when there is none. */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** Origin the client used, e.g. http://127.0.0.1:4010; resource URLs are built on it. */
  origin: string;
  accountSid: string;
  store: Store;
  stats: Stats;
  /** Runs transcripts through their lifecycle; holds the recordings catalogue. */
  transcriber: Transcriber;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** A non-JSON body (e.g. text/plain media); give its Content-Type in `headers`. */
  text?: string;
  headers?: Record<string, string>;
}

export type Handler = (context: RequestContext) => Reply | Promise<Reply>;

/** One row of the route table; `pattern` uses `{Name}` for a path segment capture. */
export interface Route {
  method: Method;
  pattern: string;
  handler: Handler;
  /** Served without credentials, like Twilio's pre-signed media URLs. */
  public?: boolean;
}

export type RouteMatch =
  { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'wrong-method'; allowed: Method[] } | { kind: 'none' };

interface CompiledRoute {
  route: Route;
  segments: string[];
  literalCount: number;
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    const compiled = routes.map((route) => {
      const segments = route.pattern.split('/').slice(1);
      return { route, segments, literalCount: segments.filter((segment) => !isCapture(segment)).length };
    });
    // Literal segments beat captures: /v2/Operators/Custom must not be read as /v2/Operators/{Sid}.
    this.compiled = compiled.sort((a, b) => b.literalCount - a.literalCount);
  }

  match(method: string, path: string): RouteMatch {
    const segments = path.split('/').slice(1);
    const allowed: Method[] = [];
    for (const candidate of this.compiled) {
      const params = matchSegments(candidate.segments, segments);
      if (!params) continue;
      if (candidate.route.method === method) return { kind: 'found', route: candidate.route, params };
      allowed.push(candidate.route.method);
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
  }
}

function isCapture(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, expected] of pattern.entries()) {
    let value: string;
    try {
      value = decodeURIComponent(actual[i] ?? '');
    } catch {
      return undefined; // malformed %-escape: no route can match it
    }
    if (isCapture(expected)) {
      if (value === '') return undefined;
      params[expected.slice(1, -1)] = value;
    } else if (expected !== value) {
      return undefined;
    }
  }
  return params;
}
