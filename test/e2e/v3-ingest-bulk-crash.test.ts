// kill -9 of `ci conversations ingest` in bulk, as a real process under emulator faults, at a seeded conversation
// create (the conversations made before it are in the middle of their communications); the reruns on the same
// --state end with exactly one closed conversation per input, holding its communications once each, in order.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { spawnCi, type CiResult } from '../support/run-ci.js';
import { tempDir } from '../support/temp.js';
import { seedConversation } from '../emulator/v3-support.js';
import { conversationsOf, expectExactlyOnce, linesOf, writeInputs } from './v3-ingest-bulk-support.js';

const SEED = 3;
const CONVERSATIONS = '/v2/Conversations';
/** A create cut off by the kill: the emulator answers a body that never fully arrived (nobody hears it). */
const CUT_OFF = /^POST \/v2\/Conversations(\/[^/]+\/Communications)? → 400: /;

let emulator: TestEmulator | undefined;
afterAll(async () => {
  await emulator?.close();
  expect(emulator?.violations.filter((violation) => !CUT_OFF.test(violation))).toEqual([]);
});

describe('kill -9 of a bulk ingest', () => {
  it('reruns end with exactly one closed conversation per input, its communications once each, in order', async () => {
    const random = seededRandom(SEED);
    let running: ReturnType<typeof spawnCi> | undefined;
    let killing = true;
    emulator = await startTestEmulator({
      faults: { latencyMs: 1, latencyJitterMs: 4, failRate: 0.05, resetAfterCommitRate: 0.05, seed: SEED },
      observe(exchange) {
        if (killing && exchange.method === 'POST' && exchange.path === CONVERSATIONS && exchange.status === 201 && ++creates === killAt)
          running?.child.kill('SIGKILL');
      },
    });
    const dir = tempDir('ci-ingest-crash-');
    const { folder, batch, expected } = writeInputs(dir);
    const seeded = await seedConversation(emulator, { communications: [{ text: 'seed' }] });
    const args = ['--max-retries', '20', 'conversations', 'ingest', folder, '--from-file', batch];
    const flags = [
      '--configuration',
      seeded.conversationConfigurationId,
      '--close',
      '--concurrency',
      '3',
      '--state',
      join(dir, 'run.state'),
    ];
    const env = emulatorEnv(emulator);
    // At the k-th conversation create, the conversations made before it are in the middle of their communications.
    let creates = 0;
    const killAt = 3 + Math.floor(random() * 3);
    const runs: CiResult[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      killing = attempt === 0;
      running = spawnCi([...args, ...flags], { env, timeoutMs: 60_000 });
      const run = await running.result;
      runs.push(run);
      if (run.code === 0) break;
    }
    const context = `exit codes ${JSON.stringify(runs.map((run) => run.code))}`;
    expect(runs[0]?.code, context).toBeNull(); // the kill landed
    const last = runs[runs.length - 1];
    expect(last?.code, `${context}: ${last?.stderr}`).toBe(0);
    expect(linesOf(last?.stdout ?? ''), context).toHaveLength(expected.size);
    expectExactlyOnce(
      await conversationsOf(emulator, seeded.conversationConfigurationId, seeded.conversationId),
      expected,
      'CLOSED',
      context,
    );
  }, 60_000);
});
