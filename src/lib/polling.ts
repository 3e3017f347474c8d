// The one polling loop: ask, and until the answer is final, wait the interval (never past the deadline) and ask again.
import { sleep } from './time.js';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal;
  /** Told every status seen, for a spinner. */
  onStatus?: (status: string) => void;
}

/** Waiting as a command does it: Ctrl-C stops it. */
export type SignalledWait = WaitOptions & { signal: AbortSignal };

/** What one look found: the final value, or the status of work still going on. */
export type Poll<T> = { done: true; value: T } | { done: false; status: string };

/**
 * Calls `look` until it is done (it throws for work that ended badly); past `timeoutMs`, throws what
 * `timedOut` makes of the last status.
 */
export async function pollUntilDone<T>(
  look: () => Promise<Poll<T>>,
  options: WaitOptions,
  timedOut: (status: string) => Error,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const outcome = await look();
    if (outcome.done) return outcome.value;
    const left = deadline - Date.now();
    if (left <= 0) throw timedOut(outcome.status);
    await sleep(Math.min(options.intervalMs, left), options.signal);
  }
}
