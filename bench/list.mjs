// Listing: `ci transcripts list --all --ndjson` (and `--json`, one streamed array) over seeded transcripts
// against the SDK's each({ pageSize: 1000 }) printing each row's toJSON() (bench/peers/list-each.mjs):
// wall time (target ≤ 0.8×), time to first line (target ≤ the peer's), peak RSS (target ≤ 150 MiB), and
// whether the output is byte-identical to the peer's; CPU time (user + system) beside wall time, as the machine
// is shared. 50,000 and 200,000 transcripts (about 4 minutes on an idle 2-core machine, 3 rounds each).
// BENCH_LIST_SIZES (comma-separated) and BENCH_LIST_RUNS (interleaved rounds, default 3) pick others.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulatorProcess } from './emulator-process.mjs';
import { CI, envFor, interleaved, load, median } from './harness.mjs';

const SIZES = process.env.BENCH_LIST_SIZES?.split(',').map(Number) ?? [50_000, 200_000];
const ROUNDS = Number(process.env.BENCH_LIST_RUNS ?? 3);
const PEER = fileURLToPath(new URL('./peers/list-each.mjs', import.meta.url));
const CHILD_STATS = fileURLToPath(new URL('./child-stats.mjs', import.meta.url));
const NEWLINE = 0x0a;

const statsDir = mkdtempSync(join(tmpdir(), 'ci-bench-list-'));
let statsFiles = 0;

/**
 * Runs a node script under /usr/bin/time with child-stats loaded, reading its stdout as it comes: wall time, time to
 * its first line, peak RSS, CPU time (user + system) and its output as a line count and a digest. The output is
 * hashed as it streams, not split into lines: 200,000 kept lines would slow the reader more than the listing it measures.
 */
function runListing(args, env) {
  const file = join(statsDir, `${statsFiles++}.json`);
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', 'peak-rss-kib=%M', process.execPath, '--import', CHILD_STATS, ...args], {
    env: { ...env, CI_BENCH_STATS: file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const hash = createHash('sha256');
  let lineCount = 0;
  let firstLineMs;
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    hash.update(chunk);
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) lineCount++;
    if (lineCount) firstLineMs ??= performance.now() - started;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(stderr));
      const { cpu } = JSON.parse(readFileSync(file, 'utf8'));
      const peakRssKiB = Number(/peak-rss-kib=(\d+)/.exec(stderr)?.[1]);
      resolve({
        wallMs,
        firstLineMs,
        peakRssKiB,
        lineCount,
        digest: hash.digest('hex').slice(0, 12),
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
    });
  });
}

async function benchSize(count) {
  // Its own process, as `ci emulator start --seed-transcripts` would be: serving the pages must not share this
  // process with reading the output (a peer that ignores back-pressure would slow the server for both).
  const emulator = await startEmulatorProcess({ seedTranscripts: count });
  const env = envFor(emulator);
  const ci = (args) => runListing([CI, 'transcripts', 'list', '--all', ...args], env);
  const peer = (args) => runListing([PEER, ...args], env);
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
