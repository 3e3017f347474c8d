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
  /** By number of path segments: a path is compared only with patterns of its own length. */
  private readonly bySegmentCount = new Map<number, CompiledRoute[]>();

  constructor(routes: readonly Route[]) {
    const compiled = routes.map((route) => {
      const segments = route.pattern.split('/').slice(1);
      return { route, segments, literalCount: segments.filter((segment) => !isCapture(segment)).length };
    });
    // Literal segments beat captures: /v2/Operators/Custom must not be read as /v2/Operators/{Sid}.
    for (const candidate of compiled.sort((a, b) => b.literalCount - a.literalCount)) {
      const sameLength = this.bySegmentCount.get(candidate.segments.length) ?? [];
      sameLength.push(candidate);
      this.bySegmentCount.set(candidate.segments.length, sameLength);
    }
  }

  match(method: string, path: string): RouteMatch {
    const segments = decodeSegments(path);
    if (!segments) return { kind: 'none' }; // malformed %-escape: no route can match it
    const allowed: Method[] = [];
    for (const candidate of this.bySegmentCount.get(segments.length) ?? []) {
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

function decodeSegments(path: string): string[] | undefined {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** `actual` has as many segments as `pattern`. */
function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const value = actual[i] ?? '';
    if (isCapture(expected)) {
      if (value === '') return undefined;
      params[expected.slice(1, -1)] = value;
    } else if (expected !== value) {
      return undefined;
    }
  }
  return params;
}
