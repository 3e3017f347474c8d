import Table from 'cli-table3';
import { columnText, headerText } from './format.js';
import type { Column, Row, Style } from './types.js';

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};
const GAP = 2;
const MIN_WIDTH = 8;
/** Identifiers are useless cut short: a column holding SIDs keeps its full width. */
const SID = /^[A-Z]{2}[0-9a-f]{32}$/;

function clip(text: string, width: number): string {
  const line = text.replace(/\s*\n\s*/g, ' ');
  return line.length > width ? `${line.slice(0, Math.max(1, width - 1))}…` : line;
}

/** Column widths that fit the terminal: the widest clippable column gives way first. */
function fitWidths(cells: string[][], headers: string[], width: number): number[] {
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const fixed = headers.map((_, i) => cells.some((row) => SID.test(row[i] ?? '')));
  const budget = width - GAP * (headers.length - 1);
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > budget) {
    let widest = -1;
    let widestWidth = MIN_WIDTH;
    for (const [i, columnWidth] of widths.entries()) {
      if (!fixed[i] && columnWidth > widestWidth) [widest, widestWidth] = [i, columnWidth];
    }
    if (widest < 0) break; // nothing left to shrink: let the terminal wrap
    widths[widest] = widestWidth - 1;
    total--;
  }
  return widths;
}

/** A gh-style borderless table: headers in bold, long free-text cells clipped to fit the terminal. */
export function table(columns: Column[], rows: Row[], style: Style, width: number, showHeader = true): string {
  const headers = columns.map(headerText);
  const cells = rows.map((row) => columns.map((c) => columnText(c, row, true).replace(/\s*\n\s*/g, ' ')));
  const widths = fitWidths(cells, showHeader ? headers : headers.map(() => ''), width);
  const t = new Table({
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    head: showHeader ? headers.map((h, i) => style.bold(clip(h, widths[i] ?? MIN_WIDTH))) : [],
  });
  for (const row of cells) t.push(row.map((cell, i) => clip(cell, widths[i] ?? MIN_WIDTH)));
  return t.toString();
}

/** One resource as "FIELD  value" lines. */
export function keyValueTable(columns: Column[], row: Row, style: Style, width: number): string {
  const labelWidth = Math.max(...columns.map((c) => headerText(c).length));
  return columns
    .map((c) => {
      const text = columnText(c, row, true);
      const value = text.includes('\n')
        ? text.replace(/\n/g, `\n${' '.repeat(labelWidth + 2)}`)
        : clip(text, Math.max(20, width - labelWidth - 2));
      return `${style.bold(headerText(c).padEnd(labelWidth))}  ${value}`;
    })
    .join('\n');
}
