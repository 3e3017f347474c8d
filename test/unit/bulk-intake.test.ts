// The bulk core's intake with --state: intents are made durable a group ahead of the workers, so a worker
// takes its next input without waiting for a write, yet never sends one whose intent is not on disk.
import { describe, expect, it } from 'vitest';
import type { Appender, JournalFiles } from '../../src/lib/adapters/journal.js';
import { ingestAll, type BulkIngest, type BulkKey } from '../../src/lib/bulk.js';
import { BulkState } from '../../src/lib/bulk-state.js';

const now = () => new Date('2026-12-01T10:00:00.000Z');
const inputs = Array.from({ length: 30 }, (_, n) => ({ input: `https://media.example/${n}.wav`, line: n + 1 }));

describe('bulk intake with a state file', () => {
  it('workers keep taking inputs while the next group of intents is written, and wait only for their own group', async () => {
    const sent: string[] = [];
    const disk = new HeldDisk(() => sent.length);
    const state = await BulkState.open('run.state', disk.files(), now);
    const ingest: BulkIngest<BulkKey> = {
      create(item) {
        expect(disk.durableText).toContain(`"input":"${item.input}"`); // its intent is on disk before it is sent
        sent.push(item.input);
        return Promise.resolve({ outcome: 'created', id: `GT${item.line}` });
      },
      lookUp: () => Promise.resolve(new Map()),
    };
    const lines = ingestAll(inputs, ingest, { concurrency: 2, signal: new AbortController().signal, state, now });
    const collected = (async () => {
      const done: string[] = [];
      for await (const line of lines) done.push(line.input);
      return done;
    })();

    await disk.until(() => disk.held !== undefined && sent.length === 8);
    // The second group's write began before the first group (4 per worker) was all sent, and was still under
    // way when it was.
    expect(disk.heldText).toContain(`"input":"${inputs[8]?.input}"`);
    expect(disk.sentWhenHeld).toBeLessThan(8);
    await settle();
    expect(sent).toHaveLength(8); // the 9th input's intent is not on disk yet: nothing more is sent

    disk.holdNone();
    expect(await collected).toHaveLength(inputs.length);
    expect(sent).toEqual(inputs.map((item) => item.input));
    await state.close();
  });
});

/** Lets queued microtasks and the writer's next step run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A journal in memory whose synced writes after the first are held until released. */
class HeldDisk {
  durableText = '';
  heldText = '';
  held: (() => void) | undefined;
  /** How many inputs had been sent when the held write began. */
  sentWhenHeld: number | undefined;
  private syncedWrites = 0;
  private holding = true;

  constructor(private readonly sentSoFar: () => number) {}

  files(): JournalFiles {
    const appender: Appender = {
      write: (text, sync) => {
        if (!sync || !this.holding || this.syncedWrites++ === 0) return Promise.resolve(void (this.durableText += text));
        this.heldText = text;
        this.sentWhenHeld = this.sentSoFar();
        return new Promise<void>((resolve) => {
          this.held = () => {
            this.durableText += text;
            resolve();
          };
        });
      },
      close: () => Promise.resolve(),
    };
    return {
      pid: 1,
      host: 'here',
      read: () => Promise.resolve(undefined),
      replace: () => Promise.resolve(),
      openAppend: () => Promise.resolve(appender),
      createExclusive: () => Promise.resolve(true),
      removeIfUnchanged: () => Promise.resolve(),
      processAlive: () => true,
    };
  }

  /** Releases the held write, and holds no more. */
  holdNone(): void {
    this.holding = false;
    this.held?.();
  }

  async until(condition: () => boolean): Promise<void> {
    for (let turn = 0; turn < 1000 && !condition(); turn++) await settle();
    expect(condition()).toBe(true);
  }
}
