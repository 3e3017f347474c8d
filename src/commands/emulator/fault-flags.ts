// The fault-injection flags of `ci emulator start` (docs/reliability.md), kept beside the command.
import type { FaultOptions } from '../../emulator/index.js';
import { InvalidFlagValue } from '../flag-error.js';
import { flag } from '../spec.js';

function fraction(flags: string, help: string) {
  const name = flags.split(' ')[0] ?? flags;
  return flag.custom(flags, help, (value: string): number => {
    const n = Number(value);
    if (!/^\d*\.?\d+$/.test(value.trim()) || n > 1) throw new InvalidFlagValue(`${name} must be a number from 0 to 1`);
    return n;
  });
}

/** The emulator's fault options as flags, plus the pre-populated transcripts used by the benchmarks. */
export const FAULT_FLAGS = {
  latencyMs: flag.int('--latency-ms <n>', 'delay every API response by this much', { min: 0 }),
  latencyJitterMs: flag.int('--latency-jitter-ms <n>', 'plus a random extra delay up to this much', { min: 0 }),
  failRate: fraction('--fail-rate <0..1>', 'answer this share of requests 500/503 (not applied)'),
  throttleRate: fraction('--throttle-rate <0..1>', 'answer this share of requests 429 with Retry-After (not applied)'),
  throttleRetryAfter: flag.int('--throttle-retry-after <seconds>', 'the Retry-After of those 429s (default 1)', { min: 0 }),
  maxConcurrency: flag.int('--max-concurrency <n>', 'answer 429 beyond this many requests in flight'),
  resetRate: fraction('--reset-rate <0..1>', 'drop the connection of this share of requests before applying them'),
  resetAfterCommitRate: fraction('--reset-after-commit-rate <0..1>', 'apply this share of requests, then drop the connection'),
  seed: flag.int('--seed <n>', 'seed the fault dice so a run repeats', { min: 0 }),
  seedTranscripts: flag.int('--seed-transcripts <n>', 'start with a service holding N completed transcripts', { min: 0 }),
};

export function faultOptionsOf(flags: FaultOptions): FaultOptions {
  const { latencyMs, latencyJitterMs, failRate, throttleRate, throttleRetryAfter, maxConcurrency, resetRate, resetAfterCommitRate, seed } =
    flags;
  return { latencyMs, latencyJitterMs, failRate, throttleRate, throttleRetryAfter, maxConcurrency, resetRate, resetAfterCommitRate, seed };
}
