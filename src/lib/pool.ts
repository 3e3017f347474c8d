import { Channel } from './channel.js';
import { InterruptedError } from './errors.js';

/**
 * Runs `work` over `items` with at most `concurrency` in flight, yielding results as they finish. `items` may be
 * an async iterable: a worker takes its next item when it is free. On abort no new item starts; items in flight
 * finish (their results are still yielded), then it throws InterruptedError. The first failure of `work` (or of
 * the items' iterator) stops new items and is rethrown at the end.
 */
export async function* mapPool<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  signal: AbortSignal,
  work: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const source = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  const results = new Channel<R>();
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let exhausted = false;
  const worker = async () => {
    while (!signal.aborted && !failure && !stopped && !exhausted) {
      let next: IteratorResult<T>;
      try {
        next = await source.next();
      } catch (error) {
        failure ??= { error };
        return;
      }
      if (next.done) return void (exhausted = true);
      try {
        results.push(await work(next.value));
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, Array.isArray(items) ? items.length : concurrency) }, worker);
  void Promise.all(workers)
    .then(async () => {
      if (!exhausted) await source.return?.(); // lets the source clean up what it prepared for items never taken
    })
    .catch((error: unknown) => void (failure ??= { error }))
    .finally(() => results.close());
  try {
    for await (const result of results) yield result;
  } finally {
    stopped = true; // the reader went away (e.g. stdout closed): start nothing more
  }
  if (failure) throw failure.error;
  if (signal.aborted) throw new InterruptedError();
}
