// The fault-injection flags of `ci emulator start` (docs/reliability.md), kept beside the command.
import { InvalidArgumentError, type Command } from 'commander';
import type { FaultOptions } from '../../emulator/index.js';
import { nonNegativeInt, positiveInt } from '../define.js';

function fraction(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d*\.?\d+$/.test(value.trim()) || n > 1) throw new InvalidArgumentError(`${flag} must be a number from 0 to 1`);
    return n;
  };
}

/** The emulator's fault options as flags, plus the pre-populated transcripts used by the benchmarks. */
export interface FaultFlags extends FaultOptions {
  seedTranscripts?: number;
}

export function withFaultFlags(command: Command): Command {
  return command
    .option('--latency-ms <n>', 'delay every API response by this much', nonNegativeInt('--latency-ms'))
    .option('--latency-jitter-ms <n>', 'plus a random extra delay up to this much', nonNegativeInt('--latency-jitter-ms'))
    .option('--fail-rate <0..1>', 'answer this share of requests 500/503 (not applied)', fraction('--fail-rate'))
    .option('--throttle-rate <0..1>', 'answer this share of requests 429 with Retry-After (not applied)', fraction('--throttle-rate'))
    .option('--max-concurrency <n>', 'answer 429 beyond this many requests in flight', positiveInt('--max-concurrency'))
    .option('--reset-rate <0..1>', 'drop the connection of this share of requests before applying them', fraction('--reset-rate'))
    .option(
      '--reset-after-commit-rate <0..1>',
      'apply this share of requests, then drop the connection',
      fraction('--reset-after-commit-rate'),
    )
    .option('--seed <n>', 'seed the fault dice so a run repeats', nonNegativeInt('--seed'))
    .option('--seed-transcripts <n>', 'start with a service holding N completed transcripts', nonNegativeInt('--seed-transcripts'));
}

export function faultOptionsOf(flags: FaultFlags): FaultOptions {
  const { latencyMs, latencyJitterMs, failRate, throttleRate, maxConcurrency, resetRate, resetAfterCommitRate, seed } = flags;
  return { latencyMs, latencyJitterMs, failRate, throttleRate, maxConcurrency, resetRate, resetAfterCommitRate, seed };
}
