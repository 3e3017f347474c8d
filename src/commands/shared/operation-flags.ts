// Flags of commands whose change the API finishes asynchronously (Conversations v2, Memory v1: 202 + an operation).
import type { Context } from '../../lib/context.js';
import { DEFAULT_WAIT, type WaitOptions } from '../../lib/conversations-operations.js';
import { flag } from '../spec.js';

export const operationFlags = {
  wait: flag.bool('--no-wait', 'return once the API has accepted the change, without polling its operation'),
  timeout: flag.duration('--timeout <duration>', 'give up polling the operation after this long (default 2m)', { min: 1000 }),
};

/** How to wait, or undefined for --no-wait. */
export function waitOptions(ctx: Context, flags: { wait: boolean; timeout?: number }): WaitOptions | undefined {
  if (!flags.wait) return undefined;
  return { ...DEFAULT_WAIT, ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout }), signal: ctx.signal };
}
