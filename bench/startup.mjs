// Start-up cost: median wall time of `ci --version` and `ci --help` against bare `node -e 0`,
// interleaved in one run so machine noise hits all three alike. Targets: --version ≤ 1.1×, --help ≤ 1.3× bare node.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const CI = fileURLToPath(new URL('../bin/ci.js', import.meta.url));
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 30);

const cases = {
  'node -e 0': ['-e', '0'],
  'ci --version': [CI, '--version'],
  'ci --help': [CI, '--help'],
};

function timeOnce(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function benchStartup() {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const args of Object.values(cases)) timeOnce(args); // warm the file cache
  for (let run = 0; run < RUNS; run++) {
    for (const [name, args] of Object.entries(cases)) samples[name].push(timeOnce(args));
  }
  const base = median(samples['node -e 0']);
  const rows = Object.entries(samples).map(([name, values]) => ({ name, medianMs: median(values), ratio: median(values) / base }));
  console.log(
    `start-up (${RUNS} interleaved runs each, median wall time; targets --version ≤ 1.1×, --help ≤ 1.3× bare node; load ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')})`,
  );
  for (const row of rows) console.log(`  ${row.name.padEnd(14)} ${row.medianMs.toFixed(1).padStart(7)} ms  ${row.ratio.toFixed(2)}×`);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) benchStartup();
