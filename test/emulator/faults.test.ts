// The emulator's fault injection keeps its own books straight: a client that hangs up while its request is
// delayed gives its concurrency slot back (a leaked slot made every later request 429 "busy", for good).
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../support/emulator.js';

/** A request the client abandons `afterMs` into the emulator's latency. */
function abandoned(url: URL, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sent = request(url);
    sent.on('error', () => resolve());
    sent.end();
    setTimeout(() => sent.destroy(), afterMs);
  });
}

describe('fault injection', () => {
  it('frees the concurrency slot of a request whose client hung up during the latency', async () => {
    const emulator = await startTestEmulator({ faults: { maxConcurrency: 1, latencyMs: 100 } });
    try {
      const url = new URL('/v2/Services', emulator.url);
      await abandoned(url, 20);
      await sleep(300); // the abandoned request's latency is over: nothing of it is in flight
      // Unauthenticated on purpose: 401 is the server answering, 429 would be the leaked slot.
      expect((await fetch(url)).status).toBe(401);
    } finally {
      await emulator.close();
    }
  });

  it('throttles with a Retry-After of 1 s, or of what the options say', async () => {
    for (const [faults, expected] of [
      [{ throttleRate: 1 }, '1'],
      [{ throttleRate: 1, throttleRetryAfter: 0 }, '0'],
    ] as const) {
      const emulator = await startTestEmulator({ faults });
      try {
        const answer = await fetch(new URL('/v2/Services', emulator.url));
        expect({ status: answer.status, retryAfter: answer.headers.get('retry-after') }).toEqual({ status: 429, retryAfter: expected });
      } finally {
        await emulator.close();
      }
    }
  });
});
