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
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { statsOf } from '../support/stats.js';
import { tempDir } from '../support/temp.js';

const RETRIES = ['--max-retries', '20'];
const dir = tempDir('ci-bulk-crash-');
const emulators: TestEmulator[] = [];

/** A create cut off by the kill: the emulator answers a body that never fully arrived (nobody hears it). */
const CUT_OFF = /^POST \/v2\/Transcripts → 500: form parameter \w+ is required$/;

// The file's first bulk run pays for loading the CLI's modules and compiling the schemas of the exchanges it
// meets in Twilio's specs: one fault-free run of one input pays it here, so no seed's test carries it.
beforeAll(async () => {
  const recordings = generatedRecordings(1);
  const emulator = await startTestEmulator({ recordings });
  emulators.push(emulator);
  const env = emulatorEnv(emulator, { TWILIO_CI_SERVICE_SID: undefined });
  const file = join(dir, 'warm-up.txt');
  writeFileSync(file, `${recordings.map((recording) => recording.sid).join('\n')}\n`);
  await ci(['services', 'create', '--unique-name', 'warm-up'], { env });
  await ci(['transcribe', '--from-file', file, '--service', 'warm-up', '--state', join(dir, 'warm-up.state')], { env });
  await transcriptsPerInput(env);
});

afterAll(async () => {
  for (const emulator of emulators) {
    await emulator.close();
    expect(emulator.violations.filter((violation) => !CUT_OFF.test(violation))).toEqual([]);
  }
});

/** Every fault flag the emulator has, seeded; rare enough that a seed takes seconds, not a minute, of retries. */
const everyFault = (seed: number): FaultOptions => ({
  latencyMs: 10,
  latencyJitterMs: 20,
  failRate: 0.04,
  throttleRate: 0.015,
  maxConcurrency: 3,
  resetRate: 0.03,
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
  { inputs, kills, mode, faults }: { inputs: number; kills: number; mode: CrashMode; faults: FaultOptions },
): Promise<void> {
  const random = seededRandom(seed);
  const recordings = generatedRecordings(inputs);
  const crash = crashTest(
    (exchange) => exchange.method === 'POST' && exchange.path === '/v2/Transcripts' && exchange.status === 202,
    random,
  );
  const emulator = await startTestEmulator({ recordings, transcribeDelayMs: 3_600_000, faults, observe: crash.observe });
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
  it.each([1, 2, 3, 4])('seed %i: reruns end with exactly one transcript per input', (seed) =>
    killAndRerun(kind, seed, { inputs: 8, kills: 2, mode: 'in-process', faults: everyFault(seed) }),
  );
});

describe('kill -9 of a real bulk run (bin/ci.js, SIGKILL)', () => {
  // Small and with latency only (so the kill lands among requests in flight): it checks the simulation, the faults are tested above.
  it('reruns end with exactly one transcript per media URL', () =>
    killAndRerun('media', 1, { inputs: 4, kills: 1, mode: 'process', faults: { latencyMs: 10, latencyJitterMs: 20, seed: 1 } }));
});
