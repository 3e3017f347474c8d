// ci transcribe / transcripts wait in-process: the spinner on a terminal, and Ctrl-C while waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { fakeProcess } from '../support/fake-process.js';
import { tempConfigHome } from '../support/run-ci.js';
import { sdkClient } from '../support/sdk.js';

const HAPPY_CALL = 'RE00000000000000000000000000000003';
const argv = (...args: string[]) => ['node', 'ci', ...args];

let fast: TestEmulator;
let slow: TestEmulator;
beforeAll(async () => {
  [fast, slow] = await Promise.all([startTestEmulator({ transcribeDelayMs: 200 }), startTestEmulator({ transcribeDelayMs: 60_000 })]);
});
afterAll(async () => {
  await Promise.all([fast.close(), slow.close()]);
  expect([...fast.violations, ...slow.violations]).toEqual([]);
});

function envFor(emulator: TestEmulator) {
  return {
    XDG_CONFIG_HOME: tempConfigHome(),
    TWILIO_ACCOUNT_SID: emulator.accountSid,
    TWILIO_AUTH_TOKEN: emulator.authToken,
    TWILIO_CI_API_URL: emulator.url,
  };
}

describe('waiting for a transcript', () => {
  it('shows the status in a spinner on a terminal, then the results', async () => {
    const service = await sdkClient(fast).intelligence.v2.services.create({ uniqueName: 'spinner' });
    const proc = fakeProcess({ tty: true, env: { ...envFor(fast), NO_COLOR: '1' } });
    const code = await main(argv('transcribe', HAPPY_CALL, '--service', service.sid, '--wait', '--interval', '100ms'), proc);
    expect(code).toBe(0);
    expect(proc.err()).toMatch(/⠋ transcript GT[0-9a-f]{32}: waiting/);
    expect(proc.err()).toMatch(/transcript GT[0-9a-f]{32}: (queued|in-progress)/);
    expect(proc.out()).toMatch(/STATUS +completed/);
  });

  it('stops on Ctrl-C with exit 130 and cancels nothing', async () => {
    const client = sdkClient(slow);
    const service = await client.intelligence.v2.services.create({ uniqueName: 'interrupted' });
    let interrupt: (() => void) | undefined;
    const proc = {
      ...fakeProcess({ env: envFor(slow) }),
      on: (_event: string, listener: () => void) => (interrupt = listener),
      off: () => {},
    };
    const running = main(argv('transcribe', HAPPY_CALL, '--service', service.sid, '--wait', '--interval', '100ms'), proc);
    const [transcript] = await waitFor(async () => client.intelligence.v2.transcripts.list({ sourceSid: HAPPY_CALL }));
    interrupt!();
    expect(await running).toBe(130);
    expect(proc.err()).toBe('ci: interrupted\n');
    expect((await client.intelligence.v2.transcripts(transcript.sid).fetch()).status).toMatch(/queued|in-progress/);
  });
});

async function waitFor<T>(probe: () => Promise<T[]>): Promise<T[]> {
  for (let i = 0; i < 200; i++) {
    const found = await probe();
    if (found.length) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('never appeared');
}
