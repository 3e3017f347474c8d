import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import type { Row } from '../../lib/output/types.js';
import { startSpinner } from '../../lib/spinner.js';
import { waitForTranscript } from '../../lib/transcripts.js';

export interface WaitFlags {
  wait?: boolean;
  timeout?: number;
  interval?: number;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_INTERVAL_MS = 2_000;

/** --timeout and --interval mean nothing without --wait: refuse them rather than ignore them. */
export function checkWaitFlags(flags: WaitFlags): void {
  if (!flags.wait && (flags.timeout !== undefined || flags.interval !== undefined)) {
    throw new UsageError('--timeout and --interval only apply with --wait');
  }
}

/** Waits for completion with a status spinner on a terminal's stderr; Ctrl-C stops waiting (exit 130), nothing is cancelled. */
export async function waitWithSpinner(ctx: Context, sid: string, flags: WaitFlags): Promise<Row> {
  const spinner = startSpinner(ctx.io, `transcript ${sid}: waiting`);
  try {
    return await waitForTranscript(await ctx.client(), sid, {
      timeoutMs: flags.timeout ?? DEFAULT_TIMEOUT_MS,
      intervalMs: flags.interval ?? DEFAULT_INTERVAL_MS,
      signal: ctx.signal,
      onStatus: (status) => spinner.update(`transcript ${sid}: ${status}`),
    });
  } finally {
    spinner.stop();
  }
}
