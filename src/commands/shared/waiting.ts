import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import type { Row } from '../../lib/output/types.js';
import { startSpinner } from '../../lib/spinner.js';
import { waitForTranscript, type WaitOptions } from '../../lib/transcripts.js';

export const DEFAULT_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_INTERVAL_MS = 2_000;

/** How long and how often to wait: the --timeout and --interval flags, or their defaults. */
export type WaitTiming = Pick<WaitOptions, 'timeoutMs' | 'intervalMs'>;

export function waitTimingOf({ timeout, interval }: { timeout?: number; interval?: number }): WaitTiming {
  return { timeoutMs: timeout ?? DEFAULT_TIMEOUT_MS, intervalMs: interval ?? DEFAULT_INTERVAL_MS };
}

/**
 * --timeout and --interval mean nothing when nothing is waited for: refuse them rather than ignore them.
 * `anyway` is a wait the command makes without --wait (v3 transcribe waits for the transcription to close the conversation).
 */
export function checkWaitFlags(
  { wait, timeout, interval }: { wait?: boolean; timeout?: number; interval?: number },
  anyway?: { waits: boolean; when: string },
): void {
  if (!wait && !anyway?.waits && (timeout !== undefined || interval !== undefined)) {
    throw new UsageError(`--timeout and --interval only apply with --wait${anyway ? `, or ${anyway.when}` : ''}`);
  }
}

/** Waits for completion with a status spinner on a terminal's stderr; Ctrl-C stops waiting (exit 130), nothing is cancelled. */
export async function waitWithSpinner(ctx: Context, sid: string, timing: WaitTiming): Promise<Row> {
  const spinner = startSpinner(ctx.io, `transcript ${sid}: waiting`);
  try {
    return await waitForTranscript(await ctx.client(), sid, {
      ...timing,
      signal: ctx.signal,
      onStatus: (status) => spinner.update(`transcript ${sid}: ${status}`),
    });
  } finally {
    spinner.stop();
  }
}
