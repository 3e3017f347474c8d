// Start-up cost: median wall time and mean CPU time (user + system, from /usr/bin/time, which counts in 10 ms
// steps: a mean of many runs resolves finer than a median) of `ci --version`, `ci --help` and `ci services --help`
// against bare `node -e 0`, interleaved in one run so machine noise hits all alike.
// Targets: --version ≤ 1.1×, --help ≤ 1.3× bare node. BENCH_STARTUP_RUNS (default 30).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load, median } from './harness.mjs';

const CI = fileURLToPath(new URL('../bin/ci.js', import.meta.url));
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 30);

const cases = {
  'node -e 0': ['-e', '0'],
  'ci --version': [CI, '--version'],
  'ci --help': [CI, '--help'],
  'ci services --help': [CI, 'services', '--help'],
};

/** One run: { wallMs, cpuMs } (CPU as /usr/bin/time counts it: the child's user + system time). */
function timeOnce(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', 'cpu=%U %S', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const [user, system] = /cpu=([\d.]+) ([\d.]+)/.exec(result.stderr.toString()).slice(1).map(Number);
  return { wallMs, cpuMs: (user + system) * 1000 };
}

export function benchStartup() {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const args of Object.values(cases)) timeOnce(args); // warm the file cache (and the compile cache)
  for (let run = 0; run < RUNS; run++) {
    for (const [name, args] of Object.entries(cases)) samples[name].push(timeOnce(args));
  }
  const wallOf = (name) => median(samples[name].map((sample) => sample.wallMs));
  const cpuOf = (name) => samples[name].reduce((sum, sample) => sum + sample.cpuMs, 0) / samples[name].length;
  console.log(
    `start-up (${RUNS} interleaved runs each, median wall, mean CPU time; targets --version ≤ 1.1×, --help ≤ 1.3× bare node; ${process.version}; ${load()})`,
  );
  const rows = Object.keys(cases).map((name) => ({
    name,
    wallMs: wallOf(name),
    cpuMs: cpuOf(name),
    wallRatio: wallOf(name) / wallOf('node -e 0'),
    cpuRatio: cpuOf(name) / cpuOf('node -e 0'),
  }));
  for (const row of rows)
    console.log(
      `  ${row.name.padEnd(20)} wall ${row.wallMs.toFixed(1).padStart(7)} ms ${row.wallRatio.toFixed(2)}×   cpu ${row.cpuMs.toFixed(0).padStart(5)} ms ${row.cpuRatio.toFixed(2)}×`,
    );
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) benchStartup();
