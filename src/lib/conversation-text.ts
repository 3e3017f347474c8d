// A conversation written down — a transcript or chat log — read into participants and utterances. Two formats:
//
//   JSON lines, one utterance a line: {"participant": "Agent", "text": "Hello", "at": "2026-01-10T10:00:00Z"}
//     (`at` optional; a JSON array of such objects is read the same way)
//   speaker lines: "Agent: Hello" — a line without a "Name:" prefix continues the utterance before it
//
// Blank lines and lines starting with `#` are skipped. Pure: no IO; every problem is a UsageError naming the line.
import { UsageError } from './errors.js';

export type ParticipantKind = 'HUMAN_AGENT' | 'CUSTOMER' | 'AI_AGENT' | 'UNKNOWN';

export interface Utterance {
  /** The speaker's name as written ("Agent", "Customer", "Dana"). */
  participant: string;
  text: string;
  /** ISO 8601 time it was said, when the input gives one. */
  at?: string;
}

export interface WrittenConversation {
  /** Speakers in order of first appearance, each with the participant type its name suggests. */
  participants: { name: string; type: ParticipantKind }[];
  utterances: Utterance[];
}

const SPEAKER_LINE = /^([\p{L}][\p{L}\p{N} ._'-]{0,39}):\s*(.*)$/u;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UTTERANCE_KEYS = new Set(['participant', 'text', 'at']);

/** Reads `text` (named `source` in errors: a file name, or a line of a bulk file). */
export function parseConversationText(text: string, source = 'the conversation'): WrittenConversation {
  const trimmed = text.trimStart();
  const utterances = trimmed.startsWith('{') || trimmed.startsWith('[') ? jsonUtterances(text, source) : speakerUtterances(text, source);
  if (utterances.length === 0)
    throw new UsageError(`${source} holds no utterances`, { hint: 'write "Agent: …" / "Customer: …" lines, or JSON lines' });
  return { participants: participantsOf(utterances), utterances };
}

/** The participant type a speaker's name suggests: agents, customers (caller, client, user), bots; else UNKNOWN. */
export function participantKind(name: string): ParticipantKind {
  const word = name.trim().toLowerCase();
  if (/\b(ai|bot|assistant|virtual agent)\b/.test(word)) return 'AI_AGENT';
  if (/\b(agent|rep|representative|support|operator)\b/.test(word)) return 'HUMAN_AGENT';
  if (/\b(customer|caller|client|user|visitor)\b/.test(word)) return 'CUSTOMER';
  return 'UNKNOWN';
}

function participantsOf(utterances: readonly Utterance[]): WrittenConversation['participants'] {
  const names = [...new Set(utterances.map((utterance) => utterance.participant))];
  return names.map((name) => ({ name, type: participantKind(name) }));
}

function speakerUtterances(text: string, source: string): Utterance[] {
  const utterances: Utterance[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = SPEAKER_LINE.exec(line);
    const [, name, said] = match ?? [];
    if (name !== undefined && said !== undefined) {
      utterances.push({ participant: name.trim(), text: said.trim() });
      return;
    }
    const previous = utterances[utterances.length - 1];
    if (!previous) throw new UsageError(`${source}, line ${index + 1}: expected "Name: text" (e.g. "Agent: Hello")`);
    previous.text = previous.text === '' ? line : `${previous.text} ${line}`;
  });
  const empty = utterances.findIndex((utterance) => utterance.text === '');
  if (empty >= 0)
    throw new UsageError(`${source}: ${utterances[empty]?.participant ?? 'a speaker'} says nothing in utterance ${empty + 1}`);
  return utterances;
}

function jsonUtterances(text: string, source: string): Utterance[] {
  if (text.trimStart().startsWith('[')) {
    let values: unknown;
    try {
      values = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!Array.isArray(values)) throw new UsageError(`${source}: expected a JSON array of utterances`);
    return values.map((value: unknown, index) => utteranceOf(value, `${source}, item ${index + 1}`));
  }
  const utterances: Utterance[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`${source}, line ${index + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    utterances.push(utteranceOf(value, `${source}, line ${index + 1}`));
  });
  return utterances;
}

function utteranceOf(value: unknown, where: string): Utterance {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${where}: expected {"participant", "text", "at"?}`);
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !UTTERANCE_KEYS.has(key));
  if (unknown !== undefined) throw new UsageError(`${where}: unknown field "${unknown}" (fields: participant, text, at)`);
  const { participant, text, at } = fields;
  if (typeof participant !== 'string' || participant.trim() === '')
    throw new UsageError(`${where}: "participant" must be a non-empty string`);
  if (typeof text !== 'string' || text.trim() === '') throw new UsageError(`${where}: "text" must be a non-empty string`);
  if (at !== undefined && (typeof at !== 'string' || !ISO_DATE_TIME.test(at) || Number.isNaN(Date.parse(at)))) {
    throw new UsageError(`${where}: "at" must be an ISO 8601 date-time such as 2026-01-10T10:00:00Z`);
  }
  return { participant: participant.trim(), text: text.trim(), ...(typeof at === 'string' ? { at: new Date(at).toISOString() } : {}) };
}
