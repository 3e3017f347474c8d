// `ci results GT… --json` on the seed flow's completed transcript against its peers: the seed's dump
// script written plainly with the SDK (bench/peers/seed-results.mjs; target: ci ≤ 0.8× its wall time)
// and a raw two-GET node:http script (bench/peers/raw-results.mjs). Medians of interleaved runs.
import { fileURLToPath } from 'node:url';
import { envFor, interleaved, load, median, runCi, runNode, startEmulator } from './harness.mjs';

const ROUNDS = Number(process.env.BENCH_RESULTS_RUNS ?? 15);
const SEED_RECORDING = 'RE00000000000000000000000000000001';
const peer = (name) => fileURLToPath(new URL(`./peers/${name}`, import.meta.url));

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
  const checked = (promise) =>
    promise.then((result) => {
      if (result.code !== 0) throw new Error(result.stderr);
      return result;
    });
  const runs = await interleaved(
    {
      ci: () => checked(runCi(['results', sid, '--json'], env)),
      sdk: () => checked(runNode([peer('seed-results.mjs'), sid], env)),
      raw: () => checked(runNode([peer('raw-results.mjs'), sid], env)),
    },
    ROUNDS,
  );
  await emulator.close();
  const wall = (name) => median(runs[name].map((run) => run.wallMs));
  console.log(
    `results (ci results GT… --json, ${ROUNDS} interleaved runs each, median wall time; target ≤ 0.8× the SDK script; ${load()})`,
  );
  console.log(`  ci results --json        ${wall('ci').toFixed(1).padStart(7)} ms`);
  console.log(`  peers/seed-results (SDK) ${wall('sdk').toFixed(1).padStart(7)} ms   ci is ${(wall('ci') / wall('sdk')).toFixed(2)}× it`);
  console.log(`  peers/raw-results (http) ${wall('raw').toFixed(1).padStart(7)} ms   ci is ${(wall('ci') / wall('raw')).toFixed(2)}× it`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchResults();
