// A labelled conversation's text as turns: `Agent:`/`Customer:` lines (a line without a speaker continues the
// turn before it), or JSON lines of {participant, text, at}. Pure; the problem names the line within the text.
export interface Turn {
  participant: string;
  text: string;
  /** ISO time, when the JSON lines give one. */
  at?: string;
}

const SPEAKER = /^([\p{L}][\p{L}\p{N} .'_-]{0,39}):\s*(.*)$/u;

export function parseConversationText(text: string): { turns: Turn[] } | { problem: string } {
  const lines = text.split(/\r?\n/);
  const first = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  return first.startsWith('{') ? jsonTurns(lines) : speakerTurns(lines);
}

function speakerTurns(lines: readonly string[]): { turns: Turn[] } | { problem: string } {
  const turns: Turn[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const match = SPEAKER.exec(line.trim());
    const last = turns[turns.length - 1];
    if (match?.[1] && match[2] !== undefined) turns.push({ participant: match[1].trim(), text: match[2] });
    else if (last) last.text = `${last.text} ${line.trim()}`;
    else return { problem: `conversation line ${index + 1} names no speaker ("Agent: …", "Customer: …")` };
  }
  const empty = turns.findIndex((turn) => turn.text.trim() === '');
  if (empty >= 0) return { problem: `turn ${empty + 1} of the conversation has no text` };
  return turns.length ? { turns } : { problem: 'the conversation has no turns' };
}

function jsonTurns(lines: readonly string[]): { turns: Turn[] } | { problem: string } {
  const turns: Turn[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `conversation line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { problem: `${where} is not JSON` };
    }
    const { participant, text, at } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    if (typeof participant !== 'string' || participant.trim() === '') return { problem: `${where} has no "participant"` };
    if (typeof text !== 'string' || text.trim() === '') return { problem: `${where} has no "text"` };
    if (at !== undefined && (typeof at !== 'string' || Number.isNaN(Date.parse(at)))) return { problem: `${where}: "at" is not a time` };
    turns.push({ participant, text, ...(typeof at === 'string' ? { at: new Date(at).toISOString() } : {}) });
  }
  return turns.length ? { turns } : { problem: 'the conversation has no turns' };
}
