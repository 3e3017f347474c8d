import { once } from 'node:events';

/**
 * Writes to stdout with back-pressure, and goes quiet once the reader has gone away
 * (`ci transcripts list --all | head -1`): the command stops instead of dying on EPIPE.
 */
export class Sink {
  private gone = false;

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
    if (!this.stream.write(text)) {
      // events.once rejects on 'error' even when waiting for 'drain': a closed pipe must end the wait, not throw.
      const settle = (event: string) => once(this.stream, event).catch(() => undefined);
      await Promise.race([settle('drain'), settle('close'), settle('error')]);
    }
  }
}
