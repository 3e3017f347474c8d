// kill -9 of a v3 bulk run (`ci transcribe --from-file … --conversation-configuration`) at a seeded point, under
// emulator faults; reruns on the same --state must end with exactly one transcription, and one closed
// conversation, per input.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedRecordings, seededRandom } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { spawnCi, type CiResult } from '../support/run-ci.js';
import { sdkClient } from '../support/sdk.js';
import { tempDir } from '../support/temp.js';
import { seedConversation } from '../emulator/v3-support.js';

const INPUTS = 8;
const RETRIES = ['--max-retries', '20'];
const recordings = generatedRecordings(INPUTS);
const dir = tempDir('ci-v3-bulk-crash-');
const emulators: TestEmulator[] = [];

/** A create cut off by the kill: the emulator answers a body that never fully arrived (nobody hears it). */
const CUT_OFF = /^POST \/v3\/Transcriptions → 400: /;

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

describe('kill -9 of a v3 bulk run', () => {
  it.each([1, 2])(
    'seed %i: reruns end with exactly one transcription and one closed conversation per recording',
    async (seed) => {
      const random = seededRandom(seed);
      let killAt = Infinity;
      let creates = 0;
      let running: ReturnType<typeof spawnCi> | undefined;
      const emulator = await startTestEmulator({
        recordings,
        transcribeDelayMs: 50,
        faults: { latencyMs: 5, latencyJitterMs: 10, failRate: 0.05, throttleRate: 0.03, resetAfterCommitRate: 0.1, seed },
        observe(exchange) {
          if (exchange.method === 'POST' && exchange.path === '/v3/Transcriptions' && exchange.status === 202 && ++creates === killAt)
            running?.child.kill('SIGKILL');
        },
      });
      emulators.push(emulator);
      const { conversationConfigurationId } = await seedConversation(emulator, { communications: [{ text: 'seed' }] });
      const env = emulatorEnv(emulator);
      const file = join(dir, `inputs-${seed}.txt`);
      writeFileSync(file, `${recordings.map((recording) => recording.sid).join('\n')}\n`);
      const args = [
        ...RETRIES,
        'transcribe',
        '--from-file',
        file,
        '--conversation-configuration',
        conversationConfigurationId,
        '--concurrency',
        '3',
        '--state',
        join(dir, `inputs-${seed}.state`),
      ];
      const runs: CiResult[] = [];
      for (let attempt = 0; attempt < 8; attempt++) {
        creates = 0;
        killAt = attempt === 0 ? 1 + Math.floor(random() * (INPUTS / 2)) : Infinity;
        running = spawnCi(args, { env, timeoutMs: 120_000 });
        const run = await running.result;
        runs.push(run);
        if (run.code === 0) break;
      }
      const last = runs[runs.length - 1];
      const context = `seed ${seed}, exit codes ${JSON.stringify(runs.map((run) => run.code))}`;
      expect(last?.code, `${context}: ${last?.stderr}`).toBe(0);
      expect(last?.stdout.split('\n').filter(Boolean), context).toHaveLength(INPUTS);

      const client = sdkClient(emulator);
      const transcriptions = await retried(() => client.voice.v3.transcriptions.list({ pageSize: 100 }));
      const perRecording = recordings.map((recording) => transcriptions.filter((item) => item.sourceId === recording.sid).length);
      expect(perRecording, context).toEqual(recordings.map(() => 1));
      const conversations = (await retried(() => client.intelligence.v3.conversations.list({ pageSize: 1000 }))).filter(
        (conversation) =>
          conversation.conversationConfigurationId === conversationConfigurationId && conversation.channelIds?.[0] !== undefined,
      );
      expect(conversations.map((conversation) => conversation.status).sort(), context).toEqual(recordings.map(() => 'CLOSED'));
    },
    180_000,
  );
});
