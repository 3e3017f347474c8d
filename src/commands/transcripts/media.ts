import { parseSid } from '../../lib/sid.js';
import { downloadMedia, fetchMedia } from '../../lib/transcripts.js';
import type { Run } from '../spec.js';
import type { media } from './specs.js';

export const run: Run<typeof media> = async (ctx, { redacted, download }, ref) => {
  const found = await fetchMedia(await ctx.client(), parseSid(ref, 'GT'), { redacted });
  if (download === undefined) return { kind: 'item', data: found, columns: [{ key: 'mediaUrl', header: 'MEDIA URL' }] };
  const bytes = await downloadMedia(String(found.mediaUrl), download, ctx.signal);
  ctx.log.hint(`Saved ${bytes} bytes to ${download}.`);
  return { kind: 'item', data: { ...found, file: download, bytes }, columns: [{ key: 'file' }, { key: 'bytes' }] };
};
