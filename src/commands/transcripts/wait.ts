import { parseSid } from '../../lib/sid.js';
import { TRANSCRIPT_COLUMNS } from '../shared/transcript-columns.js';
import { waitTimingOf, waitWithSpinner } from '../shared/waiting.js';
import type { Run } from '../spec.js';
import type { wait } from './specs.js';

export const run: Run<typeof wait> = async (ctx, options, ref) => {
  const sid = parseSid(ref, 'GT');
  const transcript = await waitWithSpinner(ctx, sid, waitTimingOf(options));
  ctx.log.hint(`Next: ci results ${sid}`);
  return { kind: 'item', data: transcript, columns: TRANSCRIPT_COLUMNS };
};
