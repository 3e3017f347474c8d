import type { Context } from '../../lib/context.js';
import type { CommandResult } from '../../lib/output/types.js';
import { parseSid } from '../../lib/sid.js';
import { downloadMedia, fetchMedia } from '../../lib/transcripts.js';

export async function run(ctx: Context, flags: { redacted?: boolean; download?: string }, ref: string): Promise<CommandResult> {
  const media = await fetchMedia(await ctx.client(), parseSid(ref, 'GT'), { redacted: flags.redacted });
  if (flags.download === undefined) return { kind: 'item', data: media, columns: [{ key: 'mediaUrl', header: 'MEDIA URL' }] };
  const bytes = await downloadMedia(String(media.mediaUrl), flags.download, ctx.signal);
  ctx.log.hint(`Saved ${bytes} bytes to ${flags.download}.`);
  return { kind: 'item', data: { ...media, file: flags.download, bytes }, columns: [{ key: 'file' }, { key: 'bytes' }] };
}
