/** Characters gathered before a buffered write goes out. */
const CHUNK = 64 * 1024;

/**
 * Writes to stdout with back-pressure, and goes quiet once the reader has gone away
 * (`ci transcripts list --all | head -1`): the command stops instead of dying on EPIPE.
 */
export class Sink {
  private gone = false;
  private pending = '';
  private flushQueued = false;
  private draining: Promise<void> | undefined;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.gone = true;
      else throw err;
    });
  }

  /** True once the reader closed the pipe; producers should stop. */
  get closed(): boolean {
    return this.gone;
  }

  async write(text: string): Promise<void> {
    if (this.gone || text === '') return;
    if (!this.stream.write(text)) await this.drained();
  }

  /**
   * Queues `text` for one write of about CHUNK characters: a listing's rows go out a chunk at a time, not a
   * write(2) per row. What is queued is written once a chunk gathers or the producer waits (for the next page);
   * call flush() at the end. Returns a promise only when a chunk went out (to wait on for back-pressure), so a
   * row that only joins the queue costs no promise.
   */
  writeBuffered(text: string): Promise<void> | undefined {
    if (this.gone) return undefined;
    this.pending += text;
    if (this.pending.length >= CHUNK) return this.flush();
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => void this.flush());
    }
    return undefined;
  }

  /** Writes what writeBuffered queued. */
  flush(): Promise<void> {
    this.flushQueued = false;
    const text = this.pending;
    this.pending = '';
    return this.write(text);
  }

  /**
   * Resolves on drain, close or error, then removes all three listeners (a long listing waits thousands of times).
   * Writes made while one wait is pending share it.
   */
  private drained(): Promise<void> {
    this.draining ??= new Promise<void>((resolve) => {
      const done = () => {
        for (const event of ['drain', 'close', 'error']) this.stream.off(event, done);
        this.draining = undefined;
        resolve();
      };
      for (const event of ['drain', 'close', 'error']) this.stream.on(event, done);
    });
    return this.draining;
  }
}
