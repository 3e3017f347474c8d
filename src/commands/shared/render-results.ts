// How `ci results` reads on a terminal or in a pipe: a header, then one section per OperatorResult,
// showing what matters for its type; long text wraps to the terminal instead of running off it.
import { cellText } from '../../lib/output/format.js';
import { sanitize } from '../../lib/output/sanitize.js';
import { keyValueTable, table, wrappedTable } from '../../lib/output/table.js';
import { wrap } from '../../lib/output/text.js';
import type { Column, Row, Style } from '../../lib/output/types.js';
import type { OperatorResult, TranscriptResults } from '../../lib/results.js';
import { isRecord } from '../../lib/rows.js';

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
  const header = keyValueTable(HEADER_COLUMNS, transcript, style, style.width);
  if (operatorResults.length === 0)
    return `${header}\n\n${style.dim('No operator results: no operators were attached to the service when the transcript was created.')}`;
  // Sections are indented: their content gets the rest of the width.
  const width = Math.max(20, style.width - INDENT.length);
  const sections = operatorResults.map((result) => {
    const title = `${style.bold(sanitize(cellText(result.name ?? result.operatorSid)))}  ${style.dim(`(${sanitize(cellText(result.operatorType))})`)}`;
    return `${title}\n${indent(sectionBody(result, style, width))}`;
  });
  return [header, ...sections].join('\n\n');
}

function sectionBody(result: OperatorResult, style: Style, width: number): string {
  switch (result.operatorType) {
    case 'text-generation':
      return wrap(sanitize(textOf(result.textGenerationResults)), width).join('\n');
    case 'conversation-classify':
      return classification(result, style, width);
    case 'utterance-classify':
      return utterances(result, style, width);
    case 'extract-normalize':
      return [normalized(result, style), entities(result, style, width)].join('\n');
    case 'extract':
    case 'pii-extract':
      return entities(result, style, width);
    case 'json':
      return keyValues(result.jsonResults, style, width);
    default:
      return keyValues(Object.fromEntries(Object.entries(result).filter(([, value]) => value !== null)), style, width);
  }
}

function textOf(generation: unknown): string {
  const result = isRecord(generation) ? generation.result : undefined;
  return typeof result === 'string' ? result : cellText(generation);
}

function classification(result: OperatorResult, style: Style, width: number): string {
  const probability = typeof result.predictedProbability === 'number' ? `  ${style.dim(`(${result.predictedProbability})`)}` : '';
  const predicted = `${style.bold('PREDICTED')}  ${style.green(sanitize(cellText(result.predictedLabel ?? '—')))}${probability}`;
  const distribution = Object.entries(isRecord(result.labelProbabilities) ? result.labelProbabilities : {})
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .map(([label, value]) => ({ label, probability: value }));
  if (distribution.length === 0) return predicted;
  return `${predicted}\n${table([{ key: 'label' }, { key: 'probability' }], distribution, style, width)}`;
}

function utterances(result: OperatorResult, style: Style, width: number): string {
  const rows = (Array.isArray(result.utteranceResults) ? result.utteranceResults.filter(isRecord) : []).map((item) => ({
    index: item.utterance_index ?? item.utteranceIndex,
    text: item.text ?? item.utterance_parts ?? '',
  }));
  if (rows.length === 0) return style.dim('no matching utterances');
  return wrappedTable([{ key: 'index' }, { key: 'text' }], rows, style, width);
}

/** What an extract-normalize operator is for: the one normalised value. */
function normalized(result: OperatorResult, style: Style): string {
  return `${style.bold('NORMALIZED')}  ${result.normalizedResult === null ? style.dim('—') : sanitize(cellText(result.normalizedResult))}`;
}

function entities(result: OperatorResult, style: Style, width: number): string {
  const rows = Object.entries(isRecord(result.extractResults) ? result.extractResults : {}).flatMap(([label, values]) =>
    [values].flat().map((value) => ({ label, value })),
  );
  if (rows.length === 0) return style.dim('no entities found');
  return wrappedTable([{ key: 'label' }, { key: 'value' }], rows, style, width);
}

/** A key/value view; nested values as compact JSON, long ones wrapped. */
function keyValues(value: unknown, style: Style, width: number): string {
  if (!value || typeof value !== 'object') return sanitize(cellText(value)) || style.dim('(empty)');
  const row = value as Row;
  const keys = Object.keys(row);
  if (keys.length === 0) return style.dim('(empty)');
  return keyValueTable(
    keys.map((key) => ({ key, header: key })),
    row,
    style,
    width,
  );
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() ? INDENT + line.trimEnd() : ''))
    .join('\n');
}
