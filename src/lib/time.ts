import { InterruptedError, UsageError } from './errors.js';

/** Resolves after `ms`, or rejects with InterruptedError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new InterruptedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The longest delay Node.js timers hold (2^31-1 ms, about 24.8 days); beyond it they fire at once, with a warning. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DurationBounds {
  /** Shortest accepted, in ms (default 0). */
  min?: number;
  /** Longest accepted, in ms (default MAX_TIMER_MS). */
  max?: number;
}

/** Parses "500ms", "2s", "10m", "1h" or a bare number of seconds, within `bounds`. */
export function parseDuration(value: string, flag: string, { min = 0, max = MAX_TIMER_MS }: DurationBounds = {}): number {
  const [, amount, unit = 's'] = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim()) ?? [];
  const factor = UNITS[unit];
  if (amount === undefined || factor === undefined) {
    throw new UsageError(`${flag} must be a duration such as 30s, 10m or 500ms (got "${value}")`);
  }
  const ms = Math.round(Number(amount) * factor);
  if (ms < min) throw new UsageError(`${flag} must be at least ${formatDuration(min)} (got "${value}")`);
  if (ms > max) {
    const why = max === MAX_TIMER_MS ? ', the longest timer Node.js holds' : '';
    throw new UsageError(`${flag} must be at most ${formatDuration(max)}${why} (got "${value}")`);
  }
  return ms;
}

/** Shortest time between two status checks: faster polling only burns the API's rate limit. */
export const MIN_INTERVAL_MS = 100;

const HOUR_MS = 3_600_000;
const SPELLINGS: ReadonlyArray<readonly [string, number]> = [
  ['h', HOUR_MS],
  ['m', 60_000],
  ['s', 1000],
];

/** The shortest exact spelling of a duration: 2s, 500ms, 10m, 1h; inexact ones as whole hours or seconds, rounded down. */
export function formatDuration(ms: number): string {
  if (ms >= HOUR_MS && ms % 60_000 !== 0) return `${Math.floor(ms / HOUR_MS)}h`;
  for (const [unit, size] of SPELLINGS) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/** An ISO 8601 date-time given by the user, e.g. 2026-01-31T09:30:00Z; exit 2 otherwise. */
export function parseIsoDateTime(value: string, flag: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new UsageError(`${flag} must be an ISO 8601 date-time such as 2026-01-31T09:30:00Z (got "${value}")`);
  }
  return date;
}
