// Listing: `ci transcripts list --all --ndjson` (and `--json`, one streamed array) over seeded transcripts
// against the SDK's each({ pageSize: 1000 }) printing each row's toJSON() (bench/peers/list-each.mjs):
// wall time (target ≤ 0.8×), time to first line (target ≤ the peer's), peak RSS (target ≤ 150 MiB), and
// whether the output is byte-identical to the peer's. 50,000 transcripts; 200,000 too with --large.
// BENCH_LIST_SIZES (comma-separated) and BENCH_LIST_RUNS (interleaved rounds, default 3) pick others.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { envFor, interleaved, load, median, runCi, runNode, startEmulator } from './harness.mjs';

const LARGE = process.argv.includes('--large') || process.env.BENCH_LARGE === '1';
const SIZES = process.env.BENCH_LIST_SIZES?.split(',').map(Number) ?? (LARGE ? [50_000, 200_000] : [50_000]);
const ROUNDS = Number(process.env.BENCH_LIST_RUNS ?? 3);
const PEER = fileURLToPath(new URL('./peers/list-each.mjs', import.meta.url));

const digest = (lines) => createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 12);

async function benchSize(count) {
  const emulator = await startEmulator({ seedTranscripts: count });
  const env = envFor(emulator);
  const checked = (promise) =>
    promise.then((result) => {
      if (result.code !== 0) throw new Error(result.stderr);
      return result;
    });
  const rss = { measureRss: true };
  const runs = await interleaved(
    {
      'ci --ndjson': () => checked(runCi(['transcripts', 'list', '--all', '--ndjson'], env, rss)),
      'sdk each() lines': () => checked(runNode([PEER], env, rss)),
      'ci --json': () => checked(runCi(['transcripts', 'list', '--all', '--json'], env, rss)),
      'sdk each() array': () => checked(runNode([PEER, '--json'], env, rss)),
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
    const same = digest(a.lines) === digest(b.lines) ? 'byte-identical' : `DIFFERENT (${digest(a.lines)} vs ${digest(b.lines)})`;
    console.log(
      `    ${ours.padEnd(16)} ${(of(ours, 'wallMs') / 1000).toFixed(2)} s, first line ${of(ours, 'firstLineMs').toFixed(0)} ms, peak RSS ${(of(ours, 'peakRssKiB') / 1024).toFixed(0)} MiB, ${a.lines.length} lines`,
    );
    console.log(
      `    ${theirs.padEnd(16)} ${(of(theirs, 'wallMs') / 1000).toFixed(2)} s, first line ${of(theirs, 'firstLineMs').toFixed(0)} ms, peak RSS ${(of(theirs, 'peakRssKiB') / 1024).toFixed(0)} MiB → ci ${(of(ours, 'wallMs') / of(theirs, 'wallMs')).toFixed(2)}× its wall, ${(of(ours, 'firstLineMs') / of(theirs, 'firstLineMs')).toFixed(2)}× its first line; output ${same}`,
    );
  }
}

export async function benchList() {
  console.log(
    `listing (--all, ${ROUNDS} interleaved rounds, medians; targets: ≤ 0.8× the SDK each() script, first line ≤ its, peak RSS ≤ 150 MiB)${LARGE ? '' : '; 200k with --large'}`,
  );
  for (const count of SIZES) await benchSize(count);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchList();
