import { Channel } from './channel.js';
import { InterruptedError } from './errors.js';

/**
 * Runs `work` over `items` with at most `concurrency` in flight, yielding results as they finish.
 * On abort no new item starts; items in flight finish (their results are still yielded), then it throws
 * InterruptedError. The first failure of `work` stops new items and is rethrown at the end.
 */
export async function* mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal,
  work: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const results = new Channel<R>();
  const pending = items.values();
  let failure: { error: unknown } | undefined;
  let stopped = false;
  const worker = async () => {
    while (!signal.aborted && !failure && !stopped) {
      const { done, value: item } = pending.next();
      if (done) return;
      try {
        results.push(await work(item));
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  void Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker)).then(() => results.close());
  try {
    for await (const result of results) yield result;
  } finally {
    stopped = true; // the reader went away (e.g. stdout closed): start nothing more
  }
  if (failure) throw failure.error;
  if (signal.aborted) throw new InterruptedError();
}
