// Bulk transcription.
// 1. 1,000 recordings, --concurrency 10, 50 ms latency: wall time vs the ideal 5 s; then the same under
//    500/503, 429 and reset-after-commit faults: exactly one transcript per recording?
// 2. Media URLs at 1k and 10k (50k with --large) with and without --state: the wall-time ratio, bytes
//    written for the state file, % of the ideal N × 50 ms / 10; at --latency-ms 0 too, where the state
//    file's own cost is not hidden behind the API's latency.
// 3. --concurrency 50: where the 2 cores go (ci's CPU, the emulator's, ci's profile by package and top frames).
// Flags: --large (adds 50k: about 16 minutes more on an idle 2-core machine — three runs of at least the ideal
// 250 s at --latency-ms 50, three of about a minute at 0 —, 35 minutes on one loaded by other work), --profile (one more --state run per size under node --cpu-prof).
// BENCH_BULK_REPEATS: interleaved pairs per size (default 3 at 1k, 1 above); BENCH_BULK_SIZES, BENCH_BULK_LATENCIES
// (comma-separated) and BENCH_BULK_PARTS (recordings,state,concurrency) pick a subset.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envFor, generatedRecordings, load, runCi, runNode, startEmulator, statsOf } from './harness.mjs';

const COUNT = Number(process.env.BENCH_BULK_COUNT ?? 1000);
const CONCURRENCY = 10;
const LATENCY_MS = 50;
const LARGE = process.argv.includes('--large') || process.env.BENCH_LARGE === '1';
const PROFILE = process.argv.includes('--profile');
const listOf = (name, fallback) => (process.env[name] ? process.env[name].split(',').map(Number) : fallback);
const SIZES = listOf('BENCH_BULK_SIZES', LARGE ? [1_000, 10_000, 50_000] : [1_000, 10_000]);
const LATENCIES = listOf('BENCH_BULK_LATENCIES', [LATENCY_MS, 0]);
const PARTS = process.env.BENCH_BULK_PARTS?.split(',') ?? ['recordings', 'state', 'concurrency'];
const CHILD_STATS = fileURLToPath(new URL('./child-stats.mjs', import.meta.url));
const PEER = fileURLToPath(new URL('./peers/bulk-create.mjs', import.meta.url));

/** Creates the service `bench`; returns its SID (undefined when a faulty emulator made a retry meet the name taken). */
async function benchService(emulator) {
  const service = await runCi(['--max-retries', '10', 'services', 'create', '--unique-name', 'bench', '--json'], envFor(emulator));
  if (service.code === 0) return JSON.parse(service.lines.join('\n')).sid;
  if (!/already exists/.test(service.stderr)) throw new Error(service.stderr);
}

async function run(label, faults, recordings, inputFile) {
  // Transcripts stay queued for the run: the benchmark measures the client, not the emulator's engine.
  const emulator = await startEmulator({ recordings, transcribeDelayMs: 3_600_000, faults: { latencyMs: LATENCY_MS, ...faults } });
  const env = envFor(emulator);
  await benchService(emulator);
  const result = await runCi(['transcribe', '--from-file', inputFile, '--service', 'bench', '--concurrency', String(CONCURRENCY)], env);
  const outcomes = { created: 0, exists: 0, failed: 0 };
  for (const line of result.lines) outcomes[JSON.parse(line).outcome]++;
  const listing = await runCi(['transcripts', 'list', '--all', '--ndjson', '--fields', 'channel'], envFor(emulator));
  const perRecording = new Map(recordings.map((r) => [r.sid, 0]));
  for (const line of listing.lines) {
    const sid = JSON.parse(line).channel?.media_properties?.source_sid;
    perRecording.set(sid, (perRecording.get(sid) ?? 0) + 1);
  }
  const counts = [...perRecording.values()];
  const stats = await statsOf(emulator);
  await emulator.close();
  const ideal = (COUNT * LATENCY_MS) / CONCURRENCY;
  console.log(
    `  ${label}: exit ${result.code}, ${(result.wallMs / 1000).toFixed(2)} s (ideal ${(ideal / 1000).toFixed(1)} s → ${((ideal / result.wallMs) * 100).toFixed(0)} % of ideal)`,
  );
  const streaming = result.lastLineMs - result.firstLineMs;
  console.log(
    `    first → last NDJSON line ${(streaming / 1000).toFixed(2)} s (start-up and service lookup excluded: ${((ideal / streaming) * 100).toFixed(0)} % of ideal)`,
  );
  console.log(`    outcomes created ${outcomes.created} · exists ${outcomes.exists} · failed ${outcomes.failed}`);
  console.log(
    `    transcripts per recording: exactly 1 for ${counts.filter((n) => n === 1).length}/${COUNT} · lost ${counts.filter((n) => n === 0).length} · duplicates ${counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0)} · emulator created ${stats.created.transcripts ?? 0}`,
  );
  console.log(`    injected faults ${JSON.stringify(stats.faults)} · requests ${JSON.stringify(stats.requests)}`);
  console.log(`    ${result.stderr.trim().split('\n').pop()}`);
}

/**
 * One media-URL bulk run against a fresh emulator: wall time, state bytes written, CPU of ci and of the emulator.
 * `peer`: the plain SDK script of bench/peers instead of ci.
 */
async function mediaRun({ count, latencyMs, concurrency, withState, profileDir, peer = false, profileEmulator = false }) {
  const dir = mkdtempSync(join(tmpdir(), 'ci-bench-media-'));
  const inputFile = join(dir, 'media.txt');
  writeFileSync(inputFile, Array.from({ length: count }, (_, n) => `http://127.0.0.1:9/bench/${n}.json,key-${n}`).join('\n'));
  const stateDir = join(dir, 'state');
  mkdirSync(stateDir);
  const emulator = await startEmulator({ transcribeDelayMs: 3_600_000, faults: { latencyMs } });
  const serviceSid = await benchService(emulator);
  const statsFile = join(dir, 'child-stats.json');
  const args = ['transcribe', '--from-file', inputFile, '--service', 'bench', '--concurrency', String(concurrency)];
  if (withState) args.push('--state', join(stateDir, 'run.state'));
  const nodeArgs = ['--import', CHILD_STATS, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
  const emulatorCpuBefore = process.cpuUsage();
  const env = { ...envFor(emulator), CI_BENCH_STATS: statsFile };
  const profiler = profileEmulator ? await startProfiler() : undefined;
  const result = peer
    ? await runNode([...nodeArgs, PEER, inputFile, serviceSid, String(concurrency)], env)
    : await runCi(args, env, { nodeArgs });
  const emulatorCpu = process.cpuUsage(emulatorCpuBefore);
  const emulatorProfile = await profiler?.stop();
  const created = (await statsOf(emulator)).created.transcripts ?? 0;
  await emulator.close();
  const child = JSON.parse(readFileSync(statsFile, 'utf8'));
  return {
    code: result.code,
    wallMs: result.wallMs,
    created,
    wchar: child.io.wchar, // every byte passed to write(2): requests, stdout, stderr, and the state file
    storageBytes: child.io.write_bytes, // bytes the kernel wrote to storage for it (page granularity)
    stateFileBytes: withState ? readFileSync(join(stateDir, 'run.state')).length : 0,
    ciCpuMs: (child.cpu.user + child.cpu.system) / 1000,
    emulatorCpuMs: (emulatorCpu.user + emulatorCpu.system) / 1000,
    emulatorProfile,
  };
}

/** A CPU profile of this process (the in-process emulator, and the harness reading ci's output) while ci runs. */
async function startProfiler() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Interleaved runs without and with --state (the machine is shared: medians of the pairs, and CPU time beside wall time). */
async function statePair(count, latencyMs) {
  const repeats = Number(process.env.BENCH_BULK_REPEATS ?? (count <= 1_000 ? 3 : 1));
  const without = [];
  const withState = [];
  const peers = [];
  for (let i = 0; i < repeats; i++) {
    const order = i % 2 ? [true, false] : [false, true];
    for (const state of order)
      (state ? withState : without).push(await mediaRun({ count, latencyMs, concurrency: CONCURRENCY, withState: state }));
    if (latencyMs) peers.push(await mediaRun({ count, latencyMs, concurrency: CONCURRENCY, withState: false, peer: true }));
  }
  const wall = (runs) => median(runs.map((r) => r.wallMs));
  const cpu = (runs) => median(runs.map((r) => r.ciCpuMs));
  const ideal = (count * latencyMs) / CONCURRENCY;
  const ofIdeal = (ms) => (latencyMs ? ` (${((ideal / ms) * 100).toFixed(0)} % of ideal ${seconds(ideal)})` : '');
  const last = withState[withState.length - 1];
  const journalBytes = median(withState.map((r) => r.wchar)) - median(without.map((r) => r.wchar));
  console.log(
    `  ${count} media URLs, --latency-ms ${latencyMs} (median of ${repeats}): without --state ${seconds(wall(without))}${ofIdeal(wall(without))} · with ${seconds(wall(withState))}${ofIdeal(wall(withState))} → wall ratio ${(wall(withState) / wall(without)).toFixed(3)} (target ≤ 1.05); ci CPU ${seconds(cpu(without))} / ${seconds(cpu(withState))} → CPU ratio ${(cpu(withState) / cpu(without)).toFixed(3)} (${load()})`,
  );
  console.log(
    `    state written: ${mib(journalBytes)} passed to write(2) (${(journalBytes / count).toFixed(0)} B/input), ${mib(last.storageBytes)} to storage; final file ${mib(last.stateFileBytes)} · created ${without.map((r) => r.created).join('/')} | ${withState.map((r) => r.created).join('/')} · exit codes ${[...without, ...withState].map((r) => r.code).join(',')}`,
  );
  if (peers.length)
    console.log(
      `    the plain SDK pool of bench/peers/bulk-create.mjs (no retries, no state) on the same machine: ${seconds(wall(peers))}${ofIdeal(wall(peers))}, CPU ${seconds(cpu(peers))}; ci without --state is ${(wall(without) / wall(peers)).toFixed(3)}× its wall time`,
    );
  if (PROFILE) {
    const profileDir = mkdtempSync(join(tmpdir(), 'ci-bench-prof-'));
    await mediaRun({ count, latencyMs, concurrency: CONCURRENCY, withState: true, profileDir });
    printProfile(profileDir, '    with --state, ');
  }
}

/** ci's CPU profile (the newest in `dir`): self time by package, and the top frames. */
function printProfile(dir, indent) {
  const file = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .pop();
  printProfileOf(JSON.parse(readFileSync(join(dir, file), 'utf8')), `${indent}ci profile (${join(dir, file)}, `, indent);
}

/** A CPU profile's self time by package, and its top frames; `title` opens the first line. */
function printProfileOf(profile, title, indent) {
  const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000; // ms per sample
  const byPackage = new Map();
  const byFrame = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = packageOf(url, functionName);
    const frame = `${functionName || '(anonymous)'} ${url ? `${basename(url)}:${lineNumber + 1}` : ''}`.trim();
    byPackage.set(where, (byPackage.get(where) ?? 0) + node.hitCount);
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + node.hitCount);
    total += node.hitCount;
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, hits]) => `${name} ${((hits / total) * 100).toFixed(1)} %`)
      .join(' · ');
  console.log(`${title}${seconds(total * interval)} sampled): by package ${top(byPackage, 7)}`);
  console.log(`${indent}  top frames: ${top(byFrame, 8)}`);
}

function packageOf(url, functionName) {
  if (!url) return functionName; // (idle), (garbage collector), (program)
  if (url.startsWith('node:')) return 'node internals';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.includes('/dist/emulator/')) return 'emulator';
  if (url.includes('/dist/')) return 'ci';
  return url.includes('/bench/') ? 'bench harness' : url;
}

async function concurrency50() {
  const count = 10_000;
  const profileDir = mkdtempSync(join(tmpdir(), 'ci-bench-prof-'));
  const result = await mediaRun({ count, latencyMs: LATENCY_MS, concurrency: 50, withState: true, profileDir, profileEmulator: true });
  const ideal = (count * LATENCY_MS) / 50;
  console.log(
    `  ${count} media URLs, --concurrency 50, --latency-ms ${LATENCY_MS}, --state: ${seconds(result.wallMs)} (${((ideal / result.wallMs) * 100).toFixed(0)} % of ideal ${seconds(ideal)}), exit ${result.code} (${load()})`,
  );
  console.log(
    `    CPU over ${seconds(result.wallMs)} of wall time (2 cores = ${seconds(2 * result.wallMs)}): ci ${seconds(result.ciCpuMs)} (${((result.ciCpuMs / result.wallMs) * 100).toFixed(0)} % of a core) · emulator ${seconds(result.emulatorCpuMs)} (${((result.emulatorCpuMs / result.wallMs) * 100).toFixed(0)} %)`,
  );
  printProfile(profileDir, '    ');
  printProfileOf(result.emulatorProfile, "    emulator process profile (the emulator, and the harness reading ci's output; ", '    ');
}

export async function benchBulk() {
  if (PARTS.includes('recordings')) await benchRecordings();
  if (PARTS.includes('state')) {
    console.log(
      `bulk with --state (media URLs, --concurrency ${CONCURRENCY}; targets: ratio ≤ 1.05, bytes linear in inputs, ≥ 90 % of ideal at 10k and 50k)${LARGE ? '' : '; 50k with --large (about 16 minutes more)'}`,
    );
    for (const latencyMs of LATENCIES) for (const count of SIZES) await statePair(count, latencyMs);
  }
  if (PARTS.includes('concurrency')) {
    console.log('bulk at --concurrency 50: where the 2 cores go');
    await concurrency50();
  }
}

async function benchRecordings() {
  const dir = mkdtempSync(join(tmpdir(), 'ci-bench-bulk-'));
  const recordings = generatedRecordings(COUNT);
  const inputFile = join(dir, 'recordings.txt');
  // Customer keys given in the file (as an export of calls would have them): one request per recording.
  writeFileSync(inputFile, recordings.map((r) => `${r.sid},${r.call_sid}`).join('\n'));
  console.log(
    `bulk transcription (${COUNT} recordings, --concurrency ${CONCURRENCY}, --latency-ms ${LATENCY_MS}; target ≥ 80 % of ideal, and exactly 1 transcript per recording)`,
  );
  await run('no faults', {}, recordings, inputFile);
  await run(
    '--fail-rate 0.1 --throttle-rate 0.1 --reset-after-commit-rate 0.05 --seed 42',
    { failRate: 0.1, throttleRate: 0.1, resetAfterCommitRate: 0.05, seed: 42 },
    recordings,
    inputFile,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBulk();
