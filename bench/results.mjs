// `ci results GT… --json` on the seed flow's completed transcript against its peers: the seed's dump
// script written plainly with the SDK (bench/peers/seed-results.mjs; target: ci ≤ 0.8× its wall time)
// and a raw two-GET node:http script (bench/peers/raw-results.mjs). Medians of interleaved runs: wall time, and
// CPU time (user + system) each process reports at exit through bench/child-stats.mjs (loaded into all alike).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envFor, interleaved, load, median, runCi, runNode, startEmulator } from './harness.mjs';

const ROUNDS = Number(process.env.BENCH_RESULTS_RUNS ?? 15);
const SEED_RECORDING = 'RE00000000000000000000000000000001';
const peer = (name) => fileURLToPath(new URL(`./peers/${name}`, import.meta.url));
const CHILD_STATS = ['--import', fileURLToPath(new URL('./child-stats.mjs', import.meta.url))];

/** The seed flow up to a completed transcript: a service with prebuilt operators, the recording transcribed. */
async function seedTranscript(env) {
  const step = async (args) => {
    const result = await runCi(args, env);
    if (result.code !== 0) throw new Error(`ci ${args.join(' ')}: ${result.stderr}`);
    return result.lines.join('\n');
  };
  await step(['services', 'create', '--unique-name', 'test-ci', '--json']);
  await step(['operators', 'attach', 'test-ci', 'Conversation Summary', 'Sentiment Analysis', 'Entity Recognition']);
  return JSON.parse(await step(['transcribe', SEED_RECORDING, '--service', 'test-ci', '--wait', '--json'])).transcript.sid;
}

export async function benchResults() {
  const emulator = await startEmulator({ transcribeDelayMs: 10 });
  const env = envFor(emulator);
  const sid = await seedTranscript(env);
  const statsFile = join(mkdtempSync(join(tmpdir(), 'ci-bench-results-')), 'stats.json');
  const statsEnv = { ...env, CI_BENCH_STATS: statsFile };
  const measured = (promise) =>
    promise.then((result) => {
      if (result.code !== 0) throw new Error(result.stderr);
      const { cpu } = JSON.parse(readFileSync(statsFile, 'utf8'));
      return { ...result, cpuMs: (cpu.user + cpu.system) / 1000 };
    });
  const runs = await interleaved(
    {
      ci: () => measured(runCi(['results', sid, '--json'], statsEnv, { nodeArgs: CHILD_STATS })),
      sdk: () => measured(runNode([...CHILD_STATS, peer('seed-results.mjs'), sid], statsEnv)),
      raw: () => measured(runNode([...CHILD_STATS, peer('raw-results.mjs'), sid], statsEnv)),
    },
    ROUNDS,
  );
  await emulator.close();
  const wall = (name) => median(runs[name].map((run) => run.wallMs));
  const cpu = (name) => median(runs[name].map((run) => run.cpuMs));
  const figures = (name) =>
    `wall ${wall(name).toFixed(1).padStart(7)} ms  cpu ${cpu(name).toFixed(1).padStart(6)} ms` +
    (name === 'ci' ? '' : `   ci is ${(wall('ci') / wall(name)).toFixed(2)}× it (cpu ${(cpu('ci') / cpu(name)).toFixed(2)}×)`);
  console.log(
    `results (ci results GT… --json, ${ROUNDS} interleaved runs each, medians; target ≤ 0.8× the SDK script's wall time; ${process.version}; ${load()})`,
  );
  console.log(`  ci results --json         ${figures('ci')}`);
  console.log(`  peers/seed-results (SDK)  ${figures('sdk')}`);
  console.log(`  peers/raw-results (http)  ${figures('raw')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchResults();
