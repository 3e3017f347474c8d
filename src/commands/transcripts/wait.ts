import type { Context } from '../../lib/context.js';
import type { CommandResult } from '../../lib/output/types.js';
import { parseSid } from '../../lib/sid.js';
import { TRANSCRIPT_COLUMNS } from './fields.js';
import { waitWithSpinner, type WaitFlags } from './waiting.js';

export async function run(ctx: Context, flags: WaitFlags, ref: string): Promise<CommandResult> {
  const sid = parseSid(ref, 'GT');
  const transcript = await waitWithSpinner(ctx, sid, flags);
  ctx.log.hint(`Next: ci results ${sid}`);
  return { kind: 'item', data: transcript, columns: TRANSCRIPT_COLUMNS };
}
