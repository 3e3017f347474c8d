// Tables and key/value views for a terminal, fitted to its width. Columns come in priority order
// (identity, then state, then the rest): the lowest-priority columns give way first, the last one
// kept may be clipped, and IDs are never cut.
import { columnText, headerText } from './format.js';
import { sanitize } from './sanitize.js';
import { clip, displayWidth, padEnd, wrap } from './text.js';
import type { Column, Row, Style } from './types.js';

const GAP = 2;
/** A clipped column narrower than this says too little to be worth keeping. */
const MIN_CLIPPED = 10;
/** Twilio SIDs: a column of them counts as IDs even when its declaration does not say so. */
const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;

interface Measured {
  column: Column;
  header: string;
  cells: string[];
  width: number;
  id: boolean;
}

/** What a fitted table left out, for the hint that says how to see it. */
export interface Fitted {
  text: string;
  shown: Column[];
  hidden: Column[];
  clipped: Column[];
}

/** A cell on one line, made safe: control characters escaped, line breaks and tabs folded to spaces. */
function cellLine(column: Column, row: Row): string {
  return sanitize(columnText(column, row, true))
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\t/g, ' ');
}

function measure(columns: Column[], rows: Row[], showHeader: boolean): Measured[] {
  return columns.map((column) => {
    const header = showHeader ? headerText(column) : '';
    const cells = rows.map((row) => cellLine(column, row));
    const id = column.id ?? (cells.some(Boolean) && cells.every((cell) => cell === '' || SID.test(cell)));
    return { column, header, cells, id, width: Math.max(displayWidth(header), ...cells.map(displayWidth)) };
  });
}

const total = (columns: Measured[]) => columns.reduce((sum, c) => sum + c.width, 0) + GAP * Math.max(0, columns.length - 1);

/**
 * Chooses the columns and widths. The essential columns are the first ones up to the first that
 * is not an ID (the SID and the name); the others are dropped from the lowest priority until the
 * rest fits, the last of them clipped into the room left when that room is worth it. If the
 * essential columns alone are too wide, their free text is clipped, then the last columns go
 * (so of two IDs that do not fit side by side, the lower-priority one).
 */
function fit(measured: Measured[], width: number): { kept: Measured[]; clipped: Set<Measured> } {
  const kept = [...measured];
  const clipped = new Set<Measured>();
  const firstName = kept.findIndex((c) => !c.id);
  const essential = firstName < 0 ? kept.length : firstName + 1;
  while (total(kept) > width && kept.length > essential) {
    const last = kept[kept.length - 1];
    const room = width - total(kept.slice(0, -1)) - GAP;
    if (last && !last.id && room >= MIN_CLIPPED) {
      last.width = room;
      clipped.add(last);
      break;
    }
    kept.pop();
  }
  for (let excess = total(kept) - width; excess > 0; excess = total(kept) - width) {
    const widest = kept.filter((c) => !c.id && c.width > MIN_CLIPPED).sort((a, b) => b.width - a.width)[0];
    if (!widest) break;
    widest.width = Math.max(MIN_CLIPPED, widest.width - excess);
    clipped.add(widest);
  }
  while (total(kept) > width && kept.length > 1) kept.pop();
  return { kept, clipped };
}

/** A gh-style borderless table on a terminal: bold headers, fitted to `width`. */
export function fitTable(columns: Column[], rows: Row[], style: Style, width: number, showHeader = true): Fitted {
  const measured = measure(columns, rows, showHeader);
  const { kept, clipped } = fit(measured, width);
  const line = (texts: string[], styleCell: (text: string) => string = (text) => text) =>
    kept
      .map((c, i) => {
        const text = clip(texts[i] ?? '', c.width);
        return i === kept.length - 1 ? styleCell(text) : styleCell(padEnd(text, c.width));
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  const lines = rows.map((_, r) => line(kept.map((c) => c.cells[r] ?? '')));
  const bold = (text: string) => style.bold(text);
  if (showHeader)
    lines.unshift(
      line(
        kept.map((c) => c.header),
        bold,
      ),
    );
  return {
    text: lines.join('\n'),
    shown: kept.map((c) => c.column),
    hidden: measured.filter((c) => !kept.includes(c)).map((c) => c.column),
    clipped: kept.filter((c) => clipped.has(c)).map((c) => c.column),
  };
}

/** A fitted table when what was left out needs no mention (sections of a larger view). */
export function table(columns: Column[], rows: Row[], style: Style, width: number, showHeader = true): string {
  return fitTable(columns, rows, style, width, showHeader).text;
}

/** Narrower than this, a value column is not worth having beside its labels: values go under them. */
const MIN_VALUE_WIDTH = 24;

/** One resource as "FIELD  value" lines; long values wrap under their column, nothing is cut. */
export function keyValueTable(columns: Column[], row: Row, style: Style, width: number): string {
  const labelWidth = Math.max(...columns.map((c) => displayWidth(headerText(c))));
  const besides = width - labelWidth - GAP >= MIN_VALUE_WIDTH;
  const valueWidth = besides ? width - labelWidth - GAP : width - GAP;
  const indent = ' '.repeat(besides ? labelWidth + GAP : GAP);
  return columns
    .map((c) => {
      const lines = wrap(sanitize(columnText(c, row, true)).replace(/\t/g, '  '), valueWidth);
      const label = style.bold(padEnd(headerText(c), besides ? labelWidth : 0));
      const first = besides ? `${label}${' '.repeat(GAP)}${lines[0]}` : `${label}\n${indent}${lines[0]}`;
      return [first.trimEnd(), ...lines.slice(1).map((line) => `${indent}${line}`.trimEnd())].join('\n');
    })
    .join('\n');
}

/** A table whose last column wraps under itself instead of being clipped (utterances, entities: text meant to be read). */
export function wrappedTable(columns: Column[], rows: Row[], style: Style, width: number): string {
  const measured = measure(columns, rows, true);
  const leading = measured.slice(0, -1);
  const indent = leading.reduce((sum, c) => sum + c.width + GAP, 0);
  const lastWidth = Math.max(MIN_VALUE_WIDTH, width - indent);
  const lines = (texts: string[], styleCell: (text: string) => string = (text) => text): string[] => {
    const [first, ...rest] = wrap(texts.at(-1) ?? '', lastWidth);
    const head = leading.map((c, i) => styleCell(padEnd(texts[i] ?? '', c.width))).join(' '.repeat(GAP));
    return [
      `${head}${leading.length ? ' '.repeat(GAP) : ''}${styleCell(first ?? '')}`.trimEnd(),
      ...rest.map((line) => `${' '.repeat(indent)}${line}`),
    ];
  };
  const bold = (text: string) => style.bold(text);
  return [
    ...lines(
      measured.map((c) => c.header),
      bold,
    ),
    ...rows.flatMap((_, r) => lines(measured.map((c) => c.cells[r] ?? ''))),
  ].join('\n');
}
