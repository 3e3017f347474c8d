// Shared by the benchmarks: an in-process emulator and a spawned ci that reports timings.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CI = fileURLToPath(new URL('../bin/ci.js', import.meta.url));
export const { startEmulator, generatedRecordings } = await import('../dist/emulator/index.js');

export function envFor(emulator) {
  const env = { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'ci-bench-')), NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('TWILIO_')) delete env[key];
  return { ...env, TWILIO_ACCOUNT_SID: emulator.accountSid, TWILIO_AUTH_TOKEN: emulator.authToken, TWILIO_CI_API_URL: emulator.url };
}

/**
 * Runs ci (optionally under /usr/bin/time for peak RSS, with extra node flags) and collects stdout lines with the time each arrived.
 * Resolves { code, lines, stderr, wallMs, firstLineMs, lastLineMs, peakRssKiB }.
 */
export function runCi(args, env, { measureRss = false, nodeArgs = [] } = {}) {
  return runNode([...nodeArgs, CI, ...args], env, { measureRss });
}

/** runCi for any node script: `args` are node's (flags, script, its arguments). */
export function runNode(args, env, { measureRss = false } = {}) {
  const command = measureRss ? '/usr/bin/time' : process.execPath;
  const commandArgs = measureRss ? ['-f', 'peak-rss-kib=%M', process.execPath, ...args] : args;
  const started = performance.now();
  const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  let stderr = '';
  const lines = [];
  let firstLineMs;
  let lastLineMs;
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    const now = performance.now() - started;
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop();
    if (parts.length) {
      firstLineMs ??= now;
      lastLineMs = now;
      lines.push(...parts);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const rss = /peak-rss-kib=(\d+)/.exec(stderr);
      resolve({
        code,
        lines,
        stderr: stderr.replace(/peak-rss-kib=\d+\n?/, ''),
        wallMs: performance.now() - started,
        firstLineMs,
        lastLineMs,
        peakRssKiB: rss ? Number(rss[1]) : undefined,
      });
    });
  });
}

export async function statsOf(emulator) {
  const auth = Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64');
  return (await fetch(`${emulator.url}/emulator/stats`, { headers: { Authorization: `Basic ${auth}` } })).json();
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The machine's load, printed beside each figure (the machine is shared). */
export function load() {
  return `load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`;
}

/**
 * Runs each case `rounds` times, interleaved (machine noise hits all alike); `run(case)` resolves a
 * runNode/runCi result. Resolves { [name]: results[] }.
 */
export async function interleaved(cases, rounds) {
  const results = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) for (const [name, run] of Object.entries(cases)) results[name].push(await run());
  return results;
}
