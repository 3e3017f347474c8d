// Fault injection: one step in the request pipeline that delays, throttles, fails or drops requests,
// so tests and benchmarks can prove the client's retries lose nothing and duplicate nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './errors.js';

export interface FaultOptions {
  latencyMs?: number;
  /** Extra latency, uniform in [0, latencyJitterMs). */
  latencyJitterMs?: number;
  /** Share of requests answered 500 or 503 (Twilio error body), before they are applied. */
  failRate?: number;
  /** Share of requests answered 429 with Retry-After, before they are applied. */
  throttleRate?: number;
  /** The Retry-After those 429s carry, in seconds (default 1). */
  throttleRetryAfter?: number;
  /** Requests in flight beyond this are answered 429, like Twilio's concurrency limit. */
  maxConcurrency?: number;
  /** Share of requests whose connection is destroyed before they are applied. */
  resetRate?: number;
  /** Share of requests that are applied, then their connection destroyed: a naive client re-sends and duplicates. */
  resetAfterCommitRate?: number;
  /** Seeds the dice, so a run's sequence of faults repeats. */
  seed?: number;
}

/** What happens to one request. */
export type Fault =
  | { kind: 'none' }
  | { kind: 'reply'; name: 'fail' | 'throttle' | 'busy'; error: HttpError; headers: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'reset-after-commit' };

/** Seconds a throttled client is told to wait, unless the options say otherwise. */
const THROTTLE_RETRY_AFTER_S = 1;

/** mulberry32: a tiny seeded PRNG, good enough for dice. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private inFlight = 0;
  private readonly random: () => number;

  constructor(
    private readonly options: FaultOptions,
    private readonly count: (fault: string) => void,
  ) {
    this.random = options.seed === undefined ? Math.random : seededRandom(options.seed);
  }

  /**
   * Delays the request and decides its fault; its slot is free again once its response closes, answered or
   * not (watched from arrival: a client may hang up during the delay). The emulator's own paths (/emulator/…)
   * are exempt, so stats stay readable in a storm.
   */
  async enter(request: IncomingMessage, response: ServerResponse): Promise<Fault> {
    if ((request.url ?? '').startsWith('/emulator/')) return { kind: 'none' };
    this.inFlight++;
    response.once('close', () => this.inFlight--);
    const { latencyMs = 0, latencyJitterMs = 0, maxConcurrency } = this.options;
    // Decided on arrival, so concurrency counts what the server is holding, as Twilio's limit does.
    const fault = maxConcurrency !== undefined && this.inFlight > maxConcurrency ? this.busy() : this.roll();
    const delay = latencyMs + (latencyJitterMs > 0 ? this.random() * latencyJitterMs : 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (fault.kind !== 'none') this.count(fault.kind === 'reply' ? fault.name : fault.kind);
    return fault;
  }

  private roll(): Fault {
    const {
      failRate = 0,
      throttleRate = 0,
      throttleRetryAfter = THROTTLE_RETRY_AFTER_S,
      resetRate = 0,
      resetAfterCommitRate = 0,
    } = this.options;
    let dice = this.random();
    if ((dice -= failRate) < 0) {
      const status = this.random() < 0.5 ? 500 : 503;
      const error = new HttpError(status, status === 500 ? 20500 : 20503, status === 500 ? 'Internal Server Error' : 'Service Unavailable');
      return { kind: 'reply', name: 'fail', error, headers: {} };
    }
    if ((dice -= throttleRate) < 0) {
      const error = new HttpError(429, 20429, 'Too Many Requests');
      return { kind: 'reply', name: 'throttle', error, headers: { 'Retry-After': String(throttleRetryAfter) } };
    }
    if ((dice -= resetRate) < 0) return { kind: 'reset' };
    if ((dice -= resetAfterCommitRate) < 0) return { kind: 'reset-after-commit' };
    return { kind: 'none' };
  }

  private busy(): Fault {
    const error = new HttpError(429, 20429, `Too many concurrent requests (limit ${this.options.maxConcurrency})`);
    return { kind: 'reply', name: 'busy', error, headers: {} };
  }
}
