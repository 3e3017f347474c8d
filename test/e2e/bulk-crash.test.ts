// kill -9 of a bulk run at seeded points, under every emulator fault at once; reruns on the same --state
// must end with exactly one transcript per input, for recordings and for media URLs alike.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedRecordings, type FaultOptions } from '../../src/emulator/index.js';
import { seededRandom } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { runCi, spawnCi, type CiResult } from '../support/run-ci.js';
import { defined } from '../support/defined.js';
import { statsOf } from '../support/stats.js';

const INPUTS = 12;
const SEEDS = [1, 2, 3];
const RETRIES = ['--max-retries', '20'];
const recordings = generatedRecordings(INPUTS);
const dir = mkdtempSync(join(tmpdir(), 'ci-bulk-crash-'));
const emulators: TestEmulator[] = [];

/** A create cut off by the kill: the emulator answers a body that never fully arrived (nobody hears it). */
const CUT_OFF = /^POST \/v2\/Transcripts → 500: form parameter \w+ is required$/;

afterAll(async () => {
  for (const emulator of emulators) {
    await emulator.close();
    expect(emulator.violations.filter((violation) => !CUT_OFF.test(violation))).toEqual([]);
  }
});

/** Every fault flag the emulator has, seeded. */
const everyFault = (seed: number): FaultOptions => ({
  latencyMs: 10,
  latencyJitterMs: 20,
  failRate: 0.08,
  throttleRate: 0.03,
  maxConcurrency: 3,
  resetRate: 0.05,
  resetAfterCommitRate: 0.15,
  seed,
});

const inputsOf = {
  recordings: () => recordings.map((r) => r.sid),
  media: (seed: number) => Array.from({ length: INPUTS }, (_, n) => `http://127.0.0.1:9/crash-${seed}-${n}.json,key-${n}`),
};

/** The transcripts of each input, as the emulator lists them. */
async function transcriptsPerInput(env: Record<string, string | undefined>): Promise<Map<string, number>> {
  const listing = await runCi([...RETRIES, 'transcripts', 'list', '--all', '--ndjson'], { env, timeoutMs: 60_000 });
  expect(listing.code, listing.stderr).toBe(0);
  const counts = new Map<string, number>();
  for (const line of listing.stdout.split('\n').filter(Boolean)) {
    const { channel } = JSON.parse(line) as { channel: { media_properties: { media_url?: string; source_sid?: string } } };
    const input = channel.media_properties.media_url ?? String(channel.media_properties.source_sid);
    counts.set(input, (counts.get(input) ?? 0) + 1);
  }
  return counts;
}

describe.each(['recordings', 'media'] as const)('kill -9 of a bulk run over %s', (kind) => {
  it.each(SEEDS)(
    'seed %i: reruns end with exactly one transcript per input',
    async (seed) => {
      const random = seededRandom(seed);
      let killAt = Infinity;
      let creates = 0;
      let running: ReturnType<typeof spawnCi> | undefined;
      const emulator = await startTestEmulator({
        recordings,
        transcribeDelayMs: 3_600_000,
        faults: everyFault(seed),
        observe(exchange) {
          // The seeded point: right after the emulator answered the k-th create of this run.
          if (exchange.method === 'POST' && exchange.path === '/v2/Transcripts' && exchange.status === 202 && ++creates === killAt)
            running?.child.kill('SIGKILL');
        },
      });
      emulators.push(emulator);
      const env = emulatorEnv(emulator, { TWILIO_CI_SERVICE_SID: undefined });
      const service = await runCi([...RETRIES, 'services', 'create', '--unique-name', 'crash'], { env });
      expect(service.code === 0 || /already exists|may have applied/.test(service.stderr), service.stderr).toBe(true);
      const lines = kind === 'media' ? inputsOf.media(seed) : inputsOf.recordings();
      const file = join(dir, `${kind}-${seed}.txt`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const args = [
        ...RETRIES,
        'transcribe',
        '--from-file',
        file,
        '--service',
        'crash',
        '--concurrency',
        '4',
        '--state',
        join(dir, `${kind}-${seed}.state`),
      ];
      const runs: CiResult[] = [];
      const killPoints: number[] = [];
      const context = () =>
        `seed ${seed}, killed after creates ${JSON.stringify(killPoints)}, exit codes ${JSON.stringify(runs.map((run) => run.code))}`;

      // Two killed runs at seeded points, then reruns until one completes.
      for (let attempt = 0; attempt < 10; attempt++) {
        creates = 0;
        killAt = attempt < 2 ? 1 + Math.floor(random() * (INPUTS / 2)) : Infinity;
        if (attempt < 2) killPoints.push(killAt);
        running = spawnCi(args, { env, timeoutMs: 120_000 });
        const run = await running.result;
        runs.push(run);
        if (run.code === 0) break;
      }
      const last = defined(runs.at(-1));
      expect(last.code, `${context()}: ${last.stderr}`).toBe(0);
      const outputs = last.stdout.split('\n').filter(Boolean);
      expect(outputs, context()).toHaveLength(INPUTS);

      const expected = lines.map((line) => line.split(',')[0] ?? '');
      const counts = await transcriptsPerInput(env);
      expect(
        expected.map((input) => counts.get(input) ?? 0),
        context(),
      ).toEqual(expected.map(() => 1));
      expect((await statsOf(emulator)).created.transcripts, context()).toBe(INPUTS);
    },
    180_000,
  );
});
