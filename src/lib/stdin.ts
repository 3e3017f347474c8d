import { UsageError } from './errors.js';

/** SIDs piped in are 34 characters a line: 4 MiB is over 100,000 of them, and /dev/zero is not. */
export const MAX_STDIN_WORDS_BYTES = 4 * 1024 * 1024;

/** Every whitespace-separated word of a stream, e.g. SIDs piped into `ci results -`; at most `limit` bytes are read. */
export async function readWords(stream: NodeJS.ReadableStream, limit = MAX_STDIN_WORDS_BYTES): Promise<string[]> {
  let text = '';
  let bytes = 0;
  for await (const chunk of stream) {
    const part = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    bytes += Buffer.byteLength(part);
    if (bytes > limit) throw new UsageError(`stdin holds more than ${limit / (1024 * 1024)} MiB; pipe in SIDs, one a line`);
    text += part;
  }
  return text.split(/\s+/).filter(Boolean);
}
