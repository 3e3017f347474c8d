import { confirmDestructive } from '../../lib/confirm.js';
import { parseSid } from '../../lib/sid.js';
import { deleteTranscript } from '../../lib/transcripts.js';
import type { Run } from '../spec.js';
import type { remove } from './specs.js';

export const run: Run<typeof remove> = async (ctx, { yes }, ref) => {
  const sid = parseSid(ref, 'GT');
  await confirmDestructive(ctx, `delete transcript ${sid} and its results`, yes);
  await deleteTranscript(await ctx.client(), sid);
  ctx.log.hint(`Deleted transcript ${sid}.`);
  return { kind: 'none' };
};
