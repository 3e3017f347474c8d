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

/** Parses "500ms", "2s", "10m", "1h" or a bare number of seconds. */
export function parseDuration(value: string, flag: string): number {
  const [, amount, unit = 's'] = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim()) ?? [];
  const factor = UNITS[unit];
  if (amount === undefined || factor === undefined) {
    throw new UsageError(`${flag} must be a duration such as 30s, 10m or 500ms (got "${value}")`);
  }
  return Math.round(Number(amount) * factor);
}

/** An ISO 8601 date-time given by the user, e.g. 2026-01-31T09:30:00Z; exit 2 otherwise. */
export function parseIsoDateTime(value: string, flag: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new UsageError(`${flag} must be an ISO 8601 date-time such as 2026-01-31T09:30:00Z (got "${value}")`);
  }
  return date;
}
