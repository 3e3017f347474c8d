// kill -9 of a real `ci conversations ingest` in bulk (bin/ci.js, SIGKILL) under emulator faults, right after a
// seeded create (of a conversation or of one of its communications) is answered: the rerun on the same --state
// ends with exactly one closed conversation per input, holding its communications once each, in order. It
// checks the in-process simulation (v3-ingest-bulk-kill.test.ts) against a real process; one seed, few inputs.
import { describe, it } from 'vitest';
import { crashSuite } from './v3-ingest-bulk-support.js';

const killAndRerun = crashSuite();

describe('kill -9 of a real bulk ingest (bin/ci.js, SIGKILL)', () => {
  it('the rerun ends with exactly one closed conversation per input, its communications once each, in order', () =>
    killAndRerun(3, 'process', { files: 2, lines: 1 }));
});
