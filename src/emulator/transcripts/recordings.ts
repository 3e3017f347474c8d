// Recordings the emulator "has": Twilio's Recording resource plus what was said on each channel.
import { readFileSync } from 'node:fs';
import type { Utterance } from '../engine/index.js';
import { messageOf } from '../thrown.js';

export interface CatalogueRecording {
  sid: string;
  call_sid: string;
  language_code: string;
  utterances: Utterance[];
}

/** Recording SIDs look like Twilio's; these are fixed so docs, demo and tests can name them. */
const sid = (prefix: string, n: number) => `${prefix}${String(n).padStart(32, '0')}`;

/** Short two-channel support calls: channel 1 is the agent, channel 2 the customer. */
export const BUILT_IN_RECORDINGS: CatalogueRecording[] = [
  {
    // The seed article's call: the caller speaks once after the beep.
    sid: sid('RE', 1),
    call_sid: sid('CA', 1),
    language_code: 'en-US',
    utterances: [{ channel: 2, start: 0.8, end: 3.4, text: 'We cannot log in to your account system.' }],
  },
  {
    sid: sid('RE', 2),
    call_sid: sid('CA', 2),
    language_code: 'en-US',
    utterances: [
      { channel: 1, start: 0.5, end: 3.1, text: 'Thank you for calling Owl Bank billing, how can I help?' },
      { channel: 2, start: 3.6, end: 8.2, text: 'I was charged $49.99 twice on March 3rd and I want a refund.' },
      { channel: 1, start: 8.7, end: 12.0, text: 'I am sorry about that. Can I have your e-mail address?' },
      { channel: 2, start: 12.4, end: 15.9, text: 'It is jane.doe@example.com and my phone is (415) 555-0123.' },
      { channel: 1, start: 16.3, end: 20.5, text: 'Thanks, the refund of $49.99 will arrive by 2026-03-10.' },
    ],
  },
  {
    sid: sid('RE', 3),
    call_sid: sid('CA', 3),
    language_code: 'en-US',
    utterances: [
      { channel: 1, start: 0.4, end: 2.2, text: 'Hello, this is support, what can I do for you?' },
      { channel: 2, start: 2.8, end: 6.1, text: 'I just wanted to say the new app works great, thank you!' },
      { channel: 1, start: 6.5, end: 8.0, text: 'That is wonderful to hear, thanks for letting us know.' },
    ],
  },
  {
    sid: sid('RE', 4),
    call_sid: sid('CA', 4),
    language_code: 'en-US',
    utterances: [
      { channel: 1, start: 0.3, end: 2.0, text: 'Sales, how can I help you today?' },
      { channel: 2, start: 2.5, end: 4.4, text: 'How much is your product per month?' },
      { channel: 1, start: 4.9, end: 8.3, text: 'The standard plan is 20 dollars per month, billed yearly.' },
    ],
  },
];

/** Whole seconds from the start of the media to the end of the last utterance. */
export function durationOf(utterances: Utterance[]): number {
  return Math.ceil(Math.max(0, ...utterances.map((utterance) => utterance.end)));
}

export class RecordingCatalogue {
  private readonly bySid: Map<string, CatalogueRecording>;

  constructor(recordings: CatalogueRecording[]) {
    this.bySid = new Map(recordings.map((recording) => [recording.sid, recording]));
  }

  get(recordingSid: string): CatalogueRecording | undefined {
    return this.bySid.get(recordingSid);
  }

  /** A recording made during the emulator's run (`ci emulator call`); kept in memory only. */
  add(recording: CatalogueRecording): void {
    this.bySid.set(recording.sid, recording);
  }
}

/** `--recordings FILE`: a JSON array of recordings in the catalogue format (see docs/transcripts.md). */
export function loadRecordingsFile(file: string): CatalogueRecording[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the recordings catalogue: ${messageOf(error)}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${file}: the recordings catalogue must be a JSON array`);
  return parsed.map((entry: unknown, index) => {
    const where = `${file}: recording #${index + 1}`;
    const record = entry as Partial<CatalogueRecording>;
    if (typeof record?.sid !== 'string' || !/^RE[0-9a-fA-F]{32}$/.test(record.sid))
      throw new Error(`${where}: "sid" must be RE followed by 32 hex digits`);
    if (typeof record.call_sid !== 'string' || !/^CA[0-9a-fA-F]{32}$/.test(record.call_sid))
      throw new Error(`${where}: "call_sid" must be CA followed by 32 hex digits`);
    const utterances = parseUtterances(record.utterances);
    if (!utterances) throw new Error(`${where}: "utterances" must be an array of { channel: 1|2, start, end, text }`);
    return {
      sid: record.sid,
      call_sid: record.call_sid,
      language_code: typeof record.language_code === 'string' ? record.language_code : 'en-US',
      utterances,
    };
  });
}

/** Utterances in the catalogue format, or undefined when the value is not that. */
function parseUtterances(value: unknown): Utterance[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const utterances: Utterance[] = [];
  for (const item of value as Array<Partial<Utterance>>) {
    const valid =
      (item?.channel === 1 || item?.channel === 2) &&
      typeof item.start === 'number' &&
      typeof item.end === 'number' &&
      item.end >= item.start &&
      typeof item.text === 'string';
    if (!valid) return undefined;
    utterances.push({ channel: item.channel!, start: item.start!, end: item.end!, text: item.text! });
  }
  return utterances;
}

const MEDIA_FETCH_TIMEOUT_MS = 10_000;

/** What was said in a recording of the catalogue or at a media URL; undefined when it cannot be read. */
export async function readUtterances(
  source: { mediaUrl: string } | { recordingSid: string },
  catalogue: RecordingCatalogue,
): Promise<Utterance[] | undefined> {
  if ('recordingSid' in source) return catalogue.get(source.recordingSid)?.utterances;
  try {
    const response = await fetch(source.mediaUrl, { signal: AbortSignal.timeout(MEDIA_FETCH_TIMEOUT_MS) });
    if (!response.ok) return undefined;
    return utterancesFromMedia(response.headers.get('content-type') ?? '', await response.text());
  } catch {
    return undefined;
  }
}

const SPEAKER_LINE = /^\s*(agent|customer)\s*:\s*(.+?)\s*$/i;
const SECONDS_PER_WORD = 0.4;

/**
 * A media_url body the emulator can "recognise": JSON utterances (or `{ utterances: [...] }`),
 * or text/plain with one "Agent: …" / "Customer: …" line per utterance (timed at 0.4 s a word).
 * Anything else is unreadable media: the transcript fails.
 */
export function utterancesFromMedia(contentType: string, body: string): Utterance[] | undefined {
  if (/json/i.test(contentType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { utterances?: unknown } | null)?.utterances;
    const utterances = parseUtterances(list);
    return utterances && utterances.length > 0 ? utterances : undefined;
  }
  if (!/^text\/plain/i.test(contentType)) return undefined;
  const lines = body.split(/\r?\n/).filter((line) => line.trim() !== '');
  const utterances: Utterance[] = [];
  let clock = 0;
  for (const line of lines) {
    const [, speaker, words] = SPEAKER_LINE.exec(line) ?? [];
    if (speaker === undefined || words === undefined) return undefined;
    const duration = Math.max(1, words.split(/\s+/).length * SECONDS_PER_WORD);
    utterances.push({
      channel: speaker.toLowerCase() === 'agent' ? 1 : 2,
      start: round1(clock),
      end: round1(clock + duration),
      text: words,
    });
    clock += duration + 0.5;
  }
  return utterances.length > 0 ? utterances : undefined;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
