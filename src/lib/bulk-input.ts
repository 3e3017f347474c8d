// The input of `ci transcribe --from-file`: one recording SID or media URL per line, optionally `,customerKey`.
import { isSid } from './sid.js';
import type { TranscriptSource } from './transcripts.js';

export interface BulkItem {
  /** 1-based line number in the input. */
  line: number;
  /** The source as written (recording SID or URL): the item's identity in output and state file. */
  input: string;
  source: TranscriptSource;
  customerKey?: string;
}

export interface InvalidLine {
  line: number;
  reason: string;
}

const CUSTOMER_KEY_MAX = 64;

export function parseBulkInput(text: string): { items: BulkItem[]; invalid: InvalidLine[] } {
  const items: BulkItem[] = [];
  const invalid: InvalidLine[] = [];
  const firstLineOf = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const comma = text.indexOf(',');
    const input = (comma < 0 ? text : text.slice(0, comma)).trim();
    const customerKey = comma < 0 ? undefined : text.slice(comma + 1).trim();
    const problem = problemWith(input, customerKey) ?? (firstLineOf.has(input) ? `repeats line ${firstLineOf.get(input)}` : undefined);
    if (problem) return void invalid.push({ line, reason: problem });
    firstLineOf.set(input, line);
    const source: TranscriptSource = input.startsWith('RE') ? { recordingSid: input } : { mediaUrl: input };
    items.push({ line, input, source, ...(customerKey === undefined ? {} : { customerKey }) });
  });
  return { items, invalid };
}

function problemWith(input: string, customerKey: string | undefined): string | undefined {
  if (customerKey !== undefined && customerKey === '') return 'empty customer key after the comma';
  if (customerKey !== undefined && [...customerKey].length > CUSTOMER_KEY_MAX)
    return `customer key longer than ${CUSTOMER_KEY_MAX} characters`;
  if (input.startsWith('RE')) return isSid(input, 'RE') ? undefined : `"${input}" is not a valid recording SID (RE + 32 hex characters)`;
  return isHttpUrl(input) ? undefined : `"${input}" is neither a recording SID (RE…) nor an http(s) URL`;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}
