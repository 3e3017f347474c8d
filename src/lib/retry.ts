/** The one retry policy for every request: pure functions, so it is tested without a network. */
import { UsageError } from './errors.js';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 250, maxDelayMs: 10_000 };

/** Most retries of one request: at the 10 s longest backoff, a few minutes before a failure is reported. */
export const MAX_RETRIES = 20;

/** A count of retries within 0..MAX_RETRIES; `source` names where it came from (a flag, a profile). */
export function checkRetries(count: number, source: string): number {
  if (!Number.isSafeInteger(count) || count < 0) throw new UsageError(`${source} must be a whole number of at least 0`);
  if (count > MAX_RETRIES) throw new UsageError(`${source} must be at most ${MAX_RETRIES} (got ${count})`);
  return count;
}

/** Connection failures where the request never reached the server: safe to re-send anything. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** Failures after the request may have been written: the server may already have acted. */
const UNCERTAIN = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_BAD_RESPONSE']);

export type Outcome = { status: number } | { errorCode: string };

/** Why a retry is allowed, or undefined when the outcome must be surfaced. */
export function retryReason(method: string, outcome: Outcome): string | undefined {
  const idempotent = method.toUpperCase() !== 'POST';
  if ('status' in outcome) {
    if (outcome.status === 429) return 'HTTP 429 (rate limited)';
    // A 5xx answer to a create may hide a write that happened; only idempotent calls re-send blindly.
    if (outcome.status >= 500 && idempotent) return `HTTP ${outcome.status}`;
    return undefined;
  }
  if (NOT_SENT.has(outcome.errorCode)) return `connection failed (${outcome.errorCode})`;
  if (UNCERTAIN.has(outcome.errorCode) && idempotent) return `connection lost (${outcome.errorCode})`;
  return undefined;
}

/** Exponential backoff with full jitter; a server's Retry-After (seconds) wins when present. */
export function retryDelayMs(attempt: number, policy: RetryPolicy, retryAfter?: string, random = Math.random): number {
  const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** An X-RateLimit-Reset this large is an epoch time in seconds (2001 onwards), smaller ones a count of seconds. */
const EPOCH_SECONDS_FROM = 1e9;

/**
 * How long the server asked a client to wait, in seconds (as Retry-After spells it), or undefined.
 * v2 answers a 429 with Retry-After; v3 with X-RateLimit-Reset, which the v3 spec types as a string without
 * saying whether it is seconds to wait or the epoch second of the reset: both are read, Retry-After wins.
 */
export function serverWaitSeconds(
  status: number,
  headers: { retryAfter?: string; rateLimitReset?: string },
  nowMs: number,
): string | undefined {
  if (headers.retryAfter !== undefined) return headers.retryAfter;
  if (status !== 429 || headers.rateLimitReset === undefined) return undefined;
  const reset = Number(headers.rateLimitReset);
  if (!Number.isFinite(reset) || reset < 0) return undefined;
  return String(reset >= EPOCH_SECONDS_FROM ? Math.max(0, Math.ceil(reset - nowMs / 1000)) : reset);
}

/** True for a failure after which a create may or may not have been applied. */
export function isUncertainFailure(method: string, outcome: Outcome): boolean {
  if (method.toUpperCase() !== 'POST') return false;
  if ('status' in outcome) return outcome.status >= 500;
  return UNCERTAIN.has(outcome.errorCode);
}
