import type { Context } from './context.js';
import { UsageError } from './errors.js';

/** Destructive commands ask on a terminal, need --yes elsewhere, and stop (exit 2) when declined. */
export async function confirmDestructive(ctx: Context, action: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!ctx.io.stdinIsTTY) {
    throw new UsageError(`refusing to ${action} without confirmation: stdin is not a terminal`, { hint: 'pass --yes' });
  }
  const prompter = await ctx.prompter();
  if (!(await prompter.confirm(`${action.charAt(0).toUpperCase()}${action.slice(1)}?`, false))) {
    throw new UsageError(`cancelled: did not ${action}`);
  }
}
