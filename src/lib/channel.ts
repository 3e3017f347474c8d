/** A push-to-pull queue: servers push events, the output layer pulls them as an async iterable. */
export class Channel<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private closed = false;

  push(item: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
    } else this.buffer.push(item);
  }

  close(): void {
    this.closed = true;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  /** Closes the channel when the signal aborts (Ctrl-C ends a server's event stream cleanly). */
  closeOn(signal: AbortSignal, cleanup: () => Promise<void> | void = () => {}): this {
    const stop = async () => {
      await cleanup();
      this.close();
    };
    if (signal.aborted) void stop();
    else signal.addEventListener('abort', () => void stop(), { once: true });
    return this;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.buffer.length) yield this.buffer.shift()!;
      else if (this.closed) return;
      else {
        const next = await new Promise<IteratorResult<T>>((resolve) => (this.waiting = resolve));
        if (next.done) return;
        yield next.value;
      }
    }
  }
}
