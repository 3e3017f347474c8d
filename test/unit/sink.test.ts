import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Sink } from '../../src/lib/output/sink.js';

/** A stream that takes every write but reports itself full until `drain()` lets it catch up. */
function slowStream() {
  const written: string[] = [];
  const stream = new Writable({
    highWaterMark: 1,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      written.push(chunk);
      setImmediate(done);
    },
  });
  return { stream, written };
}

describe('Sink', () => {
  // A page is written in many batches without waiting between them: they wait for the pipe together.
  it('lets writes made while the pipe is full share one wait for it to drain', async () => {
    const { stream, written } = slowStream();
    const sink = new Sink(stream);
    const waits = Array.from({ length: 30 }, (_, i) => sink.write(`${i}\n`));
    expect(stream.listenerCount('drain')).toBe(1);
    await Promise.all(waits);
    expect(stream.listenerCount('drain')).toBe(0);
    expect(written.join('')).toBe(Array.from({ length: 30 }, (_, i) => `${i}\n`).join(''));
    await sink.write('more\n');
    expect(written.at(-1)).toBe('more\n');
  });
});
