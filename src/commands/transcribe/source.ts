// What a transcription is of: a recording SID or a media URL (classic and v3 alike).
import { UsageError } from '../../lib/errors.js';
import { parseSid } from '../../lib/sid.js';
import type { TranscriptSource } from '../../lib/transcripts.js';

export function sourceOf(recording: string | undefined, { mediaUrl, force }: { mediaUrl?: string; force?: boolean }): TranscriptSource {
  if (recording && mediaUrl) throw new UsageError('give a recording SID or --media-url, not both');
  if (mediaUrl) {
    if (force) throw new UsageError('--force applies to recordings only: a media URL can be transcribed any number of times');
    return { mediaUrl };
  }
  if (!recording)
    throw new UsageError('missing recording SID or --media-url', { hint: 'e.g. ci transcribe RE00000000000000000000000000000001' });
  return { recordingSid: parseSid(recording, 'RE') };
}
