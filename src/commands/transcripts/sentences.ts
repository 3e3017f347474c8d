import type { Column, Row } from '../../lib/output/types.js';
import { assertCompleted } from '../../lib/results.js';
import { parseSid } from '../../lib/sid.js';
import { fetchTranscript, listSentences, speakerOf } from '../../lib/transcripts.js';
import type { Run } from '../spec.js';
import type { sentences } from './specs.js';

export const run: Run<typeof sentences> = async (ctx, { redacted, wordTimestamps }, ref) => {
  const sid = parseSid(ref, 'GT');
  const client = await ctx.client();
  const transcript = await fetchTranscript(client, sid);
  assertCompleted(transcript);
  const rows = listSentences(client, sid, { redacted, wordTimestamps });
  const columns: Column[] = [
    { key: 'startTime', header: 'TIME', format: (value) => clock(value) },
    { key: 'mediaChannel', header: 'SPEAKER', format: (value) => speakerOf(transcript, Number(value)) },
    { key: 'transcript', header: 'TEXT' },
    { key: 'confidence' },
  ];
  if (wordTimestamps) columns.push({ key: 'words', format: (value) => wordTimes(value) });
  return { kind: 'list', rows, columns };
};

/** Seconds as m:ss.s, the way a conversation is read. */
function clock(value: unknown): string {
  const seconds = Number(value);
  if (!Number.isFinite(seconds)) return '';
  return `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(1).padStart(4, '0')}`;
}

function wordTimes(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return (value as Row[]).map((word) => `${String(word.word)}@${String(word.start_time ?? word.startTime)}`).join(' ');
}
