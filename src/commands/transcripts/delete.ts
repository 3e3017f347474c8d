import { confirmDestructive } from '../../lib/confirm.js';
import type { Context } from '../../lib/context.js';
import type { CommandResult } from '../../lib/output/types.js';
import { parseSid } from '../../lib/sid.js';
import { deleteTranscript } from '../../lib/transcripts.js';

export async function run(ctx: Context, flags: { yes?: boolean }, ref: string): Promise<CommandResult> {
  const sid = parseSid(ref, 'GT');
  await confirmDestructive(ctx, `delete transcript ${sid} and its results`, flags.yes);
  await deleteTranscript(await ctx.client(), sid);
  ctx.log.hint(`Deleted transcript ${sid}.`);
  return { kind: 'none' };
}
