// Listing: `ci transcripts list --all --ndjson` (and `--json`, one streamed array) over seeded transcripts
// against the SDK's each({ pageSize: 1000 }) printing each row's toJSON() (bench/peers/list-each.mjs):
// wall time (target ≤ 0.8×), time to first line (target ≤ the peer's), peak RSS (target ≤ 150 MiB), and
// whether the output is byte-identical to the peer's; CPU time (user + system) beside wall time, as the machine
// is shared. 50,000 and 200,000 transcripts (about 4 minutes on an idle 2-core machine, 3 rounds each).
// BENCH_LIST_SIZES (comma-separated) and BENCH_LIST_RUNS (interleaved rounds, default 3) pick others.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envFor, interleaved, load, median, runCi, runNode, startEmulator } from './harness.mjs';

const SIZES = process.env.BENCH_LIST_SIZES?.split(',').map(Number) ?? [50_000, 200_000];
const ROUNDS = Number(process.env.BENCH_LIST_RUNS ?? 3);
const PEER = fileURLToPath(new URL('./peers/list-each.mjs', import.meta.url));
const CHILD_STATS = fileURLToPath(new URL('./child-stats.mjs', import.meta.url));
const digest = (lines) => createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 12);

const statsDir = mkdtempSync(join(tmpdir(), 'ci-bench-list-'));
let statsFiles = 0;

/**
 * Runs `start(env, nodeArgs)` with child-stats loaded: its result with the child's CPU time (ms), and its lines
 * replaced by their count and digest (200,000 lines a run, kept for every run, would be gigabytes).
 */
async function withCpu(env, start) {
  const file = join(statsDir, `${statsFiles++}.json`);
  const result = await start({ ...env, CI_BENCH_STATS: file }, ['--import', CHILD_STATS]);
  if (result.code !== 0) throw new Error(result.stderr);
  const { cpu } = JSON.parse(readFileSync(file, 'utf8'));
  const { lines, ...rest } = result;
  return { ...rest, lineCount: lines.length, digest: digest(lines), cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function benchSize(count) {
  const emulator = await startEmulator({ seedTranscripts: count });
  const env = envFor(emulator);
  const ci = (args) =>
    withCpu(env, (env, nodeArgs) => runCi(['transcripts', 'list', '--all', ...args], env, { measureRss: true, nodeArgs }));
  const peer = (args) => withCpu(env, (env, nodeArgs) => runNode([...nodeArgs, PEER, ...args], env, { measureRss: true }));
  const runs = await interleaved(
    {
      'ci --ndjson': () => ci(['--ndjson']),
      'sdk each() lines': () => peer([]),
      'ci --json': () => ci(['--json']),
      'sdk each() array': () => peer(['--json']),
    },
    ROUNDS,
  );
  await emulator.close();
  const of = (name, key) => median(runs[name].map((run) => run[key]));
  console.log(`  ${count} transcripts (${load()}):`);
  for (const [ours, theirs] of [
    ['ci --ndjson', 'sdk each() lines'],
    ['ci --json', 'sdk each() array'],
  ]) {
    const [a, b] = [runs[ours].at(-1), runs[theirs].at(-1)];
    const same = a.digest === b.digest ? 'byte-identical' : `DIFFERENT (${a.digest} vs ${b.digest})`;
    const line = (name) =>
      `${name.padEnd(16)} ${(of(name, 'wallMs') / 1000).toFixed(2)} s (CPU ${(of(name, 'cpuMs') / 1000).toFixed(2)} s), first line ${of(name, 'firstLineMs').toFixed(0)} ms, peak RSS ${(of(name, 'peakRssKiB') / 1024).toFixed(0)} MiB`;
    const ratio = (key) => (of(ours, key) / of(theirs, key)).toFixed(2);
    console.log(`    ${line(ours)}, ${a.lineCount} lines`);
    console.log(
      `    ${line(theirs)} → ci ${ratio('wallMs')}× its wall (${ratio('cpuMs')}× its CPU), ${ratio('firstLineMs')}× its first line; output ${same}`,
    );
  }
}

export async function benchList() {
  console.log(
    `listing (--all, ${ROUNDS} interleaved rounds, medians; targets: ≤ 0.8× the SDK each() script, first line ≤ its, peak RSS ≤ 150 MiB)`,
  );
  for (const count of SIZES) await benchSize(count);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchList();
