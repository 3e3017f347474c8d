import Table from 'cli-table3';
import { columnText, headerText } from './format.js';
import type { Column, Row, Style } from './types.js';

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '',
  middle: '  ',
};

function clip(text: string, width: number): string {
  const line = text.replace(/\s*\n\s*/g, ' ');
  return line.length > width ? `${line.slice(0, Math.max(1, width - 1))}…` : line;
}

/** A gh-style borderless table: headers in bold, long cells clipped to the terminal width. */
export function table(columns: Column[], rows: Row[], style: Style, width: number, showHeader = true): string {
  const budget = Math.max(12, Math.floor((width - 2 * columns.length) / Math.max(1, columns.length)) * 2);
  const t = new Table({
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    head: showHeader ? columns.map((c) => style.bold(headerText(c))) : [],
  });
  for (const row of rows) t.push(columns.map((c) => clip(columnText(c, row), budget)));
  return t.toString();
}

/** One resource as "FIELD  value" lines. */
export function keyValueTable(columns: Column[], row: Row, style: Style, width: number): string {
  const labelWidth = Math.max(...columns.map((c) => headerText(c).length));
  return columns
    .map((c) => {
      const text = columnText(c, row);
      const value = text.includes('\n') ? text.replace(/\n/g, `\n${' '.repeat(labelWidth + 2)}`) : clip(text, Math.max(20, width - labelWidth - 2));
      return `${style.bold(headerText(c).padEnd(labelWidth))}  ${value}`;
    })
    .join('\n');
}
