// The labelled set: JSONL, one {"conversation": <text or {"file": path}>, "expected": <object or label>, "id"?}
// per line. Every bad line is reported at once, by line number, before anything is sent.
import { InterruptedError, UsageError } from '../errors.js';
import type { OutputFormat } from '../v3/names.js';
import { parseConversationText } from './conversation-text.js';
import type { Expected, LabelledExample } from './types.js';

export interface SetLine {
  /** 1-based. */
  number: number;
  text: string;
}

/** Reads a conversation file the set names, as written in the set (the caller resolves it next to the set). */
export type ReadConversationFile = (file: string) => Promise<string>;

const KEYS = new Set(['conversation', 'expected', 'id']);
/** How many bad lines one error message lists. */
const LISTED = 5;

type Parsed = { example: LabelledExample } | { problem: string };

export async function readLabelledSet(
  name: string,
  lines: AsyncIterable<SetLine> | Iterable<SetLine>,
  readFile: ReadConversationFile,
): Promise<LabelledExample[]> {
  const examples: LabelledExample[] = [];
  const problems: string[] = [];
  for await (const line of lines) {
    if (line.text.trim() === '') continue;
    const parsed = await parseLine(line, readFile);
    if ('problem' in parsed) problems.push(`line ${line.number}: ${parsed.problem}`);
    else examples.push(parsed.example);
  }
  if (problems.length) {
    const more = problems.length > LISTED ? `; and ${problems.length - LISTED} more` : '';
    throw new UsageError(
      `${name}: ${problems.length} bad line${problems.length === 1 ? '' : 's'}, nothing was sent: ${problems.slice(0, LISTED).join('; ')}${more}`,
      { hint: 'each line is {"conversation": "<text>" or {"file": "<path>"}, "expected": <object or label>}' },
    );
  }
  if (examples.length === 0) throw new UsageError(`${name} holds no labelled conversations`);
  const repeated = firstRepeatedId(examples);
  if (repeated) throw new UsageError(`${name}: line ${repeated.line} repeats the id "${repeated.id}"`);
  return examples;
}

async function parseLine(line: SetLine, readFile: ReadConversationFile): Promise<Parsed> {
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch (error) {
    return { problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isObject(value)) return { problem: 'not a JSON object' };
  const unknown = Object.keys(value).find((key) => !KEYS.has(key));
  if (unknown !== undefined) return { problem: `unknown field "${unknown}" (fields: conversation, expected, id)` };
  if (!('expected' in value)) return { problem: 'no "expected"' };
  const expected = expectedOf(value.expected);
  if (expected === undefined) return { problem: '"expected" must be a JSON object or a non-empty string (a label or text)' };
  if (value.id !== undefined && (typeof value.id !== 'string' || value.id.trim() === ''))
    return { problem: '"id" must be a non-empty string' };
  const conversation = await conversationOf(value.conversation, readFile);
  if ('problem' in conversation) return conversation;
  const parsed = parseConversationText(conversation.text);
  if ('problem' in parsed) return parsed;
  const id = typeof value.id === 'string' ? value.id : `line ${line.number}`;
  return { example: { line: line.number, id, conversation: conversation.text, turns: parsed.turns, expected } };
}

function expectedOf(value: unknown): Expected | undefined {
  if (isObject(value)) return value;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

async function conversationOf(value: unknown, readFile: ReadConversationFile): Promise<{ text: string } | { problem: string }> {
  if (value === undefined) return { problem: 'no "conversation"' };
  if (typeof value === 'string') return value.trim() ? { text: value } : { problem: '"conversation" is empty' };
  if (!isObject(value) || typeof value.file !== 'string' || value.file.trim() === '' || Object.keys(value).length !== 1) {
    return { problem: '"conversation" must be the text or {"file": "<path>"}' };
  }
  try {
    const text = await readFile(value.file);
    return text.trim() ? { text } : { problem: `conversation file ${value.file} is empty` };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

function firstRepeatedId(examples: readonly LabelledExample[]): LabelledExample | undefined {
  const seen = new Set<string>();
  return examples.find((example) => (seen.has(example.id) ? true : (seen.add(example.id), false)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every example's `expected` must fit every operator's output: an object for JSON, a label or text otherwise. */
export function checkExpectedFits(name: string, examples: readonly LabelledExample[], formats: readonly OutputFormat[]): void {
  const wantObject = formats.some((format) => format === 'JSON');
  const wantString = formats.some((format) => format !== 'JSON');
  if (wantObject && wantString)
    throw new UsageError('the operators give JSON and labels or text: evaluate operators of one output format at a time');
  const misfits = examples.filter((example) => (typeof example.expected === 'object') !== wantObject);
  if (misfits.length === 0) return;
  const what = wantObject ? 'a JSON object (the operator gives JSON)' : 'a string (the operator gives a label or text)';
  const lines = misfits
    .slice(0, LISTED)
    .map((example) => example.line)
    .join(', ');
  throw new UsageError(
    `${name}: "expected" must be ${what}; it is not on line${misfits.length === 1 ? '' : 's'} ${lines}${misfits.length > LISTED ? ` and ${misfits.length - LISTED} more` : ''}`,
  );
}
