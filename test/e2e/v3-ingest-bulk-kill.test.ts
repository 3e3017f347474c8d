// kill -9 of `ci conversations ingest` in bulk, simulated in-process (crash-run.ts: connections cut, unsynced
// journal writes lost) under emulator faults, twice per seed: right after a seeded create (of a conversation or
// of one of its communications) is answered, and again in the rerun; the reruns on the same --state end with
// exactly one closed conversation per input, holding its communications once each, in order.
import { describe, it } from 'vitest';
import { crashSuite } from './v3-ingest-bulk-support.js';

const killAndRerun = crashSuite();

describe('kill -9 of a bulk ingest (simulated in-process)', () => {
  it.each([1, 2, 3])('seed %i: reruns end with exactly one closed conversation per input, its communications once each, in order', (seed) =>
    killAndRerun(seed, 'in-process'),
  );
});
