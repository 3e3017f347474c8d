// kill -9 of a bulk run at seeded points, under every emulator fault at once; reruns on the same --state
// must end with exactly one transcript per input, for recordings and for media URLs alike. The kills are
// simulated in-process (crash-run.ts), and one real kill -9 of bin/ci.js checks the simulation.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedRecordings, seededRandom, type FaultOptions } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { ci } from '../support/cli.js';
import { crashTest, type CrashMode } from '../support/crash-run.js';
import { specChecker, startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { statsOf } from '../support/stats.js';
import { tempDir } from '../support/temp.js';

const RETRIES = ['--max-retries', '20'];
const dir = tempDir('ci-bulk-crash-');
const emulators: TestEmulator[] = [];

/** A create cut off by the kill: the emulator answers a body that never fully arrived (nobody hears it). */
const CUT_OFF = /^POST \/v2\/Transcripts → 500: form parameter \w+ is required$/;

beforeAll(() => void specChecker()); // compiled once for the file, not inside the first test

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

type Kind = 'recordings' | 'media';

/** The transcripts of each input, as the emulator lists them. */
async function transcriptsPerInput(env: Record<string, string | undefined>): Promise<Map<string, number>> {
  const listing = await ci([...RETRIES, 'transcripts', 'list', '--all', '--ndjson'], { env });
  expect(listing.code, listing.stderr).toBe(0);
  const counts = new Map<string, number>();
  for (const line of listing.stdout.split('\n').filter(Boolean)) {
    const { channel } = JSON.parse(line) as { channel: { media_properties: { media_url?: string; source_sid?: string } } };
    const input = channel.media_properties.media_url ?? String(channel.media_properties.source_sid);
    counts.set(input, (counts.get(input) ?? 0) + 1);
  }
  return counts;
}

/** `kills` runs killed at seeded points, then reruns until one completes: exactly one transcript per input. */
async function killAndRerun(
  kind: Kind,
  seed: number,
  { inputs, kills, mode }: { inputs: number; kills: number; mode: CrashMode },
): Promise<void> {
  const random = seededRandom(seed);
  const recordings = generatedRecordings(inputs);
  const crash = crashTest(
    (exchange) => exchange.method === 'POST' && exchange.path === '/v2/Transcripts' && exchange.status === 202,
    random,
  );
  const emulator = await startTestEmulator({ recordings, transcribeDelayMs: 3_600_000, faults: everyFault(seed), observe: crash.observe });
  emulators.push(emulator);
  const env = emulatorEnv(emulator, { TWILIO_CI_SERVICE_SID: undefined });
  const service = await ci([...RETRIES, 'services', 'create', '--unique-name', 'crash'], { env });
  expect(service.code === 0 || /already exists|may have applied/.test(service.stderr), service.stderr).toBe(true);
  const lines =
    kind === 'media'
      ? Array.from({ length: inputs }, (_, n) => `http://127.0.0.1:9/crash-${seed}-${n}.json,key-${n}`)
      : recordings.map((recording) => recording.sid);
  const file = join(dir, `${kind}-${seed}-${mode}.txt`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const state = join(dir, `${kind}-${seed}-${mode}.state`);
  const args = [...RETRIES, 'transcribe', '--from-file', file, '--service', 'crash', '--concurrency', '4', '--state', state];
  const killPoints = Array.from({ length: kills }, () => 1 + Math.floor(random() * (inputs / 2)));

  const { last, summary } = await crash.runUntilDone({ args, env, killPoints, maxRuns: 10, mode });
  const context = `seed ${seed}, ${summary}`;
  expect(last.code, `${context}: ${last.stderr}`).toBe(0);
  expect(last.stdout.split('\n').filter(Boolean), context).toHaveLength(inputs);

  const expected = lines.map((line) => line.split(',')[0] ?? '');
  const counts = await transcriptsPerInput(env);
  expect(
    expected.map((input) => counts.get(input) ?? 0),
    context,
  ).toEqual(expected.map(() => 1));
  expect((await statsOf(emulator)).created.transcripts, context).toBe(inputs);
}

describe.each(['recordings', 'media'] as const)('kill -9 of a bulk run over %s (simulated in-process)', (kind) => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i: reruns end with exactly one transcript per input', (seed) =>
    killAndRerun(kind, seed, { inputs: 12, kills: 2, mode: 'in-process' }),
  );
});

describe('kill -9 of a real bulk run (bin/ci.js, SIGKILL)', () => {
  it('reruns end with exactly one transcript per media URL', () => killAndRerun('media', 1, { inputs: 4, kills: 1, mode: 'process' }));
});
