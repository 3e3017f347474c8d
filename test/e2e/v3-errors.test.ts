// v3 errors end to end: the v3 error body as one line with its link, and a v3 429's X-RateLimit-Reset
// (the emulator's fault injection answers v3 paths so) honoured by the retry policy.
import { afterAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { ci } from '../support/cli.js';
import { startTestEmulator, useTestEmulator, type TestEmulator } from '../support/emulator.js';
import { statsOf } from '../support/stats.js';

describe('v3 errors', () => {
  const emulator = useTestEmulator();

  it('print the v3 error body as one line with the Twilio code and link, and the exit code of its status', async () => {
    const missing = 'conv_conversation_01aaaaaaaaaaaaaaaaaaaaaaaa';
    const shown = await ci(['conversations', 'show', missing], { env: emulatorEnv(emulator) });
    expect(shown.code).toBe(4);
    expect(shown.stderr).toBe(`ci: Conversation ${missing} was not found (Twilio error 20404: https://www.twilio.com/docs/errors/20404)\n`);
  });
});

describe('a v3 429', () => {
  let throttled: TestEmulator | undefined;
  afterAll(async () => {
    await throttled?.close();
    expect(throttled?.violations).toEqual([]);
  });

  it('is retried after X-RateLimit-Reset (no Retry-After on v3), then reported in one line', async () => {
    throttled = await startTestEmulator({ faults: { throttleRate: 1 } });
    const listed = await ci(['--debug', '--max-retries', '1', 'configurations', 'list'], { env: emulatorEnv(throttled) });
    expect(listed.code).toBe(1);
    // Backoff alone would wait under 250 ms before the first retry: 1000 ms is the emulator's X-RateLimit-Reset: 1.
    expect(listed.stderr).toContain('retry 1/1 in 1000 ms: HTTP 429 (rate limited)');
    expect(listed.stderr).toMatch(/^ci: Too Many Requests \(Twilio error 20429: https:\/\/www\.twilio\.com\/docs\/errors\/20429\)$/m);
    expect((await statsOf(throttled)).faults).toEqual({ throttle: 2 });
  });
});
