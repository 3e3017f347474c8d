// Start-up makes two commits one after another (Twilio's v3 operators, then seeded transcripts): the second
// used to wait for ever, as a commit queued just as the store's flush loop settled was never run.
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../support/emulator.js';

describe('emulator start-up with seeded transcripts', () => {
  it('finishes, and serves what it seeded', async () => {
    const emulator = await startTestEmulator({ seedTranscripts: 10 });
    try {
      expect(emulator.stats().created.transcripts).toBe(10);
    } finally {
      await emulator.close();
    }
    expect(emulator.violations).toEqual([]);
  });
});
