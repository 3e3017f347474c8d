// kill -9 of a v3 bulk run (`ci transcribe --from-file … --conversation-configuration`) at a seeded point, under
// emulator faults; reruns on the same --state must end with exactly one transcription, and one closed
// conversation, per input. The kills are simulated in-process (crash-run.ts), and one real kill -9 of
// bin/ci.js checks the simulation.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedRecordings, seededRandom, type FaultOptions } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { ci } from '../support/cli.js';
import { crashTest, type CrashMode } from '../support/crash-run.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { sdkClient } from '../support/sdk.js';
import { tempDir } from '../support/temp.js';
import { seedConversation } from '../emulator/v3-support.js';

const RETRIES = ['--max-retries', '20'];
const dir = tempDir('ci-v3-bulk-crash-');
const emulators: TestEmulator[] = [];

/** A create cut off by the kill: the emulator answers a body that never fully arrived (nobody hears it). */
const CUT_OFF = /^POST \/v3\/Transcriptions → 400: /;

// The file's first bulk run pays for loading the CLI's modules and compiling the schemas of the exchanges it
// meets in Twilio's specs: one fault-free run of one input pays it here, so no seed's test carries it.
beforeAll(async () => {
  const recordings = generatedRecordings(1);
  const emulator = await startTestEmulator({ recordings, transcribeDelayMs: 50 });
  emulators.push(emulator);
  const { conversationConfigurationId } = await seedConversation(emulator, { communications: [{ text: 'seed' }] });
  const file = join(dir, 'warm-up.txt');
  writeFileSync(file, `${recordings.map((recording) => recording.sid).join('\n')}\n`);
  const args = ['--from-file', file, '--conversation-configuration', conversationConfigurationId, '--interval', '100ms'];
  await ci(['transcribe', ...args, '--state', join(dir, 'warm-up.state')], { env: emulatorEnv(emulator) });
});

afterAll(async () => {
  for (const emulator of emulators) {
    await emulator.close();
    expect(emulator.violations.filter((violation) => !CUT_OFF.test(violation))).toEqual([]);
  }
});

/** The test's own SDK client has no retries, and the faults apply to it too. */
async function retried<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= 20) throw error;
    }
  }
}

/** One run killed at a seeded point, then reruns until one completes: one transcription and one closed conversation each. */
async function killAndRerun(
  seed: number,
  { inputs, mode, faults }: { inputs: number; mode: CrashMode; faults: FaultOptions },
): Promise<void> {
  const random = seededRandom(seed);
  const recordings = generatedRecordings(inputs);
  const crash = crashTest(
    (exchange) => exchange.method === 'POST' && exchange.path === '/v3/Transcriptions' && exchange.status === 202,
    random,
  );
  const emulator = await startTestEmulator({
    recordings,
    transcribeDelayMs: 50,
    faults,
    observe: crash.observe,
  });
  emulators.push(emulator);
  const { conversationConfigurationId } = await seedConversation(emulator, { communications: [{ text: 'seed' }] });
  const env = emulatorEnv(emulator);
  const file = join(dir, `inputs-${seed}-${mode}.txt`);
  writeFileSync(file, `${recordings.map((recording) => recording.sid).join('\n')}\n`);
  const args = [
    ...RETRIES,
    'transcribe',
    '--from-file',
    file,
    '--conversation-configuration',
    conversationConfigurationId,
    '--interval', // how often it polls a transcription before closing its conversation
    '100ms',
    '--concurrency',
    '3',
    '--state',
    join(dir, `inputs-${seed}-${mode}.state`),
  ];
  const killPoints = [1 + Math.floor(random() * (inputs / 2))];
  const { last, summary } = await crash.runUntilDone({ args, env, killPoints, maxRuns: 8, mode });
  const context = `seed ${seed}, ${summary}`;
  expect(last.code, `${context}: ${last.stderr}`).toBe(0);
  expect(last.stdout.split('\n').filter(Boolean), context).toHaveLength(inputs);

  const client = sdkClient(emulator);
  const transcriptions = await retried(() => client.voice.v3.transcriptions.list({ pageSize: 100 }));
  const perRecording = recordings.map((recording) => transcriptions.filter((item) => item.sourceId === recording.sid).length);
  expect(perRecording, context).toEqual(recordings.map(() => 1));
  const conversations = (await retried(() => client.intelligence.v3.conversations.list({ pageSize: 1000 }))).filter(
    (conversation) =>
      conversation.conversationConfigurationId === conversationConfigurationId && conversation.channelIds?.[0] !== undefined,
  );
  expect(conversations.map((conversation) => conversation.status).sort(), context).toEqual(recordings.map(() => 'CLOSED'));
}

describe('kill -9 of a v3 bulk run (simulated in-process)', () => {
  it.each([1, 2, 3])('seed %i: reruns end with exactly one transcription and one closed conversation per recording', (seed) =>
    killAndRerun(seed, {
      inputs: 8,
      mode: 'in-process',
      faults: { latencyMs: 5, latencyJitterMs: 10, failRate: 0.05, throttleRate: 0.03, resetAfterCommitRate: 0.1, seed },
    }),
  );
});

describe('kill -9 of a real v3 bulk run (bin/ci.js, SIGKILL)', () => {
  // Small and with latency only (so the kill lands among requests in flight): it checks the simulation, the faults are tested above.
  it('reruns end with exactly one transcription and one closed conversation per recording', () =>
    killAndRerun(1, { inputs: 4, mode: 'process', faults: { latencyMs: 5, latencyJitterMs: 10, seed: 1 } }));
});
