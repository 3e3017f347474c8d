// How `ci results` reads on a terminal or in a pipe: a header, then one section per OperatorResult by type.
import { keyValueTable, table } from '../../lib/output/table.js';
import { cellText } from '../../lib/output/format.js';
import type { Column, Row, Style } from '../../lib/output/types.js';
import type { OperatorResult, TranscriptResults } from '../../lib/results.js';

/** Sections are not clipped to the terminal: results are read, not scanned. */
const WIDTH = 160;
const INDENT = '  ';

const HEADER_COLUMNS: Column[] = [
  { key: 'sid', header: 'TRANSCRIPT' },
  { key: 'status' },
  { key: 'customerKey' },
  { key: 'serviceSid', header: 'SERVICE' },
  { key: 'duration', format: (value) => (value === null || value === undefined ? '' : `${cellText(value)} s`) },
  { key: 'dateCreated', header: 'CREATED' },
];

export function renderResults({ transcript, operatorResults }: TranscriptResults, style: Style): string {
  const header = keyValueTable(HEADER_COLUMNS, transcript, style, WIDTH);
  if (operatorResults.length === 0)
    return `${header}\n\n${style.dim('No operator results: no operators were attached to the service when the transcript was created.')}`;
  const sections = operatorResults.map((result) => {
    const title = `${style.bold(String(result.name ?? result.operatorSid))}  ${style.dim(`(${String(result.operatorType)})`)}`;
    return `${title}\n${indent(sectionBody(result, style))}`;
  });
  return [header, ...sections].join('\n\n');
}

function sectionBody(result: OperatorResult, style: Style): string {
  switch (result.operatorType) {
    case 'text-generation':
      return textOf(result.textGenerationResults);
    case 'conversation-classify':
      return classification(result, style);
    case 'utterance-classify':
      return utterances(result, style);
    case 'extract':
    case 'extract-normalize':
    case 'pii-extract':
      return entities(result, style);
    case 'json':
      return keyValues(result.jsonResults, style);
    default:
      return keyValues(Object.fromEntries(Object.entries(result).filter(([, value]) => value !== null)), style);
  }
}

function textOf(generation: unknown): string {
  const result = (generation as { result?: unknown } | null)?.result;
  return typeof result === 'string' ? result : cellText(generation);
}

function classification(result: OperatorResult, style: Style): string {
  const probability = typeof result.predictedProbability === 'number' ? `  ${style.dim(`(${result.predictedProbability})`)}` : '';
  const predicted = `${style.bold('PREDICTED')}  ${style.green(cellText(result.predictedLabel ?? '—'))}${probability}`;
  const distribution = Object.entries((result.labelProbabilities as Record<string, unknown> | null) ?? {})
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .map(([label, value]) => ({ label, probability: value }));
  if (distribution.length === 0) return predicted;
  return `${predicted}\n${table([{ key: 'label' }, { key: 'probability' }], distribution, style, WIDTH)}`;
}

function utterances(result: OperatorResult, style: Style): string {
  const rows = ((result.utteranceResults as Row[] | null) ?? []).map((item) => ({
    index: item.utterance_index ?? item.utteranceIndex,
    text: item.text ?? item.utterance_parts ?? '',
  }));
  if (rows.length === 0) return style.dim('no matching utterances');
  return table([{ key: 'index' }, { key: 'text' }], rows, style, WIDTH);
}

function entities(result: OperatorResult, style: Style): string {
  const rows = Object.entries((result.extractResults as Record<string, unknown> | null) ?? {}).flatMap(([label, values]) =>
    [values].flat().map((value) => ({ label, value })),
  );
  if (rows.length === 0) return style.dim('no entities found');
  return table([{ key: 'label' }, { key: 'value' }], rows, style, WIDTH);
}

/** A key/value table; nested values as compact JSON. */
function keyValues(value: unknown, style: Style): string {
  if (!value || typeof value !== 'object') return cellText(value) || style.dim('(empty)');
  const row = value as Row;
  const keys = Object.keys(row);
  if (keys.length === 0) return style.dim('(empty)');
  return keyValueTable(
    keys.map((key) => ({ key, header: key })),
    row,
    style,
    WIDTH,
  );
}

/** Indents a section; cli-table3 pads the last column, and trailing blanks only get in a reader's way. */
function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() ? INDENT + line.trimEnd() : ''))
    .join('\n');
}
