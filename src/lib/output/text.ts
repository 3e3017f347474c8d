// Text measured as a terminal shows it: by grapheme (what a reader calls a character) and by
// display width (CJK and emoji take two cells, combining marks none). Input is sanitised first,
// so no escape sequence is ever measured, clipped or wrapped here.

/** Made on first use: building it loads ICU's break rules, tens of milliseconds a JSON-only run need not pay. */
let segmenter: Intl.Segmenter | undefined;

/** East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W/F), the ones text really uses. */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;

export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

function graphemeWidth(grapheme: string): number {
  if (EMOJI.test(grapheme)) return 2;
  if (ZERO_WIDTH.test(grapheme)) return 0;
  const code = grapheme.codePointAt(0) ?? 0;
  return WIDE.some(([from, to]) => code >= from && code <= to) ? 2 : 1;
}

/** Cells the text takes on a terminal (one line, no escape sequences). */
export function displayWidth(text: string): number {
  // The common case, plain ASCII, needs no segmenting.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const grapheme of graphemes(text)) width += graphemeWidth(grapheme);
  return width;
}

/** At most `width` cells: whole characters, and `…` when something was cut. */
export function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width < 1) return '';
  let kept = '';
  let used = 0;
  for (const grapheme of graphemes(text)) {
    const cells = graphemeWidth(grapheme);
    if (used + cells > width - 1) break;
    kept += grapheme;
    used += cells;
  }
  return `${kept}…`;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Splits a word that is wider than a line (a URL, a SID, CJK text) at character boundaries. */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const grapheme of graphemes(word)) {
    const cells = graphemeWidth(grapheme);
    if (used + cells > width && piece) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += grapheme;
    used += cells;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * Lines of at most `width` cells, nothing lost: broken at spaces (or after , / & ?, so a URL or a
 * list breaks where it reads well), words longer than a line at character boundaries; line breaks
 * kept, and the continuation of an indented line (pretty JSON) indented as much.
 */
export function wrap(text: string, width: number): string[] {
  return text.split('\n').flatMap((paragraph) => {
    const lead = /^ */.exec(paragraph)?.[0] ?? '';
    const hanging = lead.length < width / 2 ? lead : '';
    const limit = Math.max(1, width);
    const lines: string[] = [];
    let line = '';
    const room = () => (lines.length ? limit - hanging.length : limit);
    const push = (done: string) => lines.push(lines.length ? `${hanging}${done.trimStart()}` : done);
    for (const word of paragraph.split(/(?<=[\s,/&?])(?=[^\s,/&?])/)) {
      if (displayWidth(line + word.trimEnd()) <= room()) {
        line += word;
        continue;
      }
      if (line.trim()) push(line.trimEnd());
      const pieces = breakWord(word.trimEnd(), Math.max(1, limit - hanging.length));
      line = pieces.pop() ?? '';
      if (word !== word.trimEnd()) line += ' ';
      for (const piece of pieces) push(piece);
    }
    push(line.trimEnd());
    return lines;
  });
}
