// v3 OperatorResults (GET/DELETE /v3/OperatorResults…) as the API returns them, and their rendering by output format.
//
// Workaround, twilio-node 6.3.1: OperatorResultInstance builds `result` with ExtractionResultResult, which
// keeps only `entities`: a TEXT result's `text`, a CLASSIFICATION's `label` and every JSON result are lost
// (and `dateCreated` turns into a Date). So results are read with the SDK's v3 Version itself
// (`client.intelligence.v3.fetch`), which gives the JSON as sent, through the same host, credentials,
// retries and RestException as every other SDK call. Drop this when OperatorResultInstance keeps `result`.
import type { Twilio } from 'twilio';
import { UsageError } from './errors.js';
import { cellText } from './output/format.js';
import { sanitize } from './output/sanitize.js';
import { keyValueTable, wrappedTable } from './output/table.js';
import { wrap } from './output/text.js';
import type { Style } from './output/types.js';
import { isRecord } from './rows.js';

export interface OperatorResult {
  id: string;
  outputFormat?: string;
  operator?: { id?: string; version?: number; parameters?: Record<string, unknown> };
  intelligenceConfiguration?: { id?: string; ruleId?: string; version?: number };
  conversationId?: string;
  result?: Record<string, unknown>;
  dateCreated?: string;
  [key: string]: unknown;
}

export interface ResultFilters {
  conversationId?: string;
  intelligenceConfigurationId?: string;
  operatorId?: string;
}

const RESULT_ID = /^intelligence_operatorresult_[0-7][0-9a-z]{25}$/;

export function isOperatorResultId(value: string): boolean {
  return RESULT_ID.test(value);
}

export function assertOperatorResultId(value: string): void {
  if (!isOperatorResultId(value)) {
    throw new UsageError(`"${value}" is not a v3 operator result ID (intelligence_operatorresult_ and 26 characters)`, {
      hint: 'see the `id` of each result in `ci results conv_conversation_… --json`',
    });
  }
}

interface ResultPage {
  items?: OperatorResult[];
  meta?: { nextToken?: string };
}

/** Every operator result matching `filters`, every page, in the API's order. */
export async function listOperatorResults(client: Twilio, filters: ResultFilters): Promise<OperatorResult[]> {
  const results: OperatorResult[] = [];
  let pageToken: string | undefined;
  do {
    const params = { ...filters, pageSize: 1000, ...(pageToken ? { pageToken } : {}) };
    const page = (await client.intelligence.v3.fetch({ uri: '/OperatorResults', method: 'get', params })) as ResultPage;
    results.push(...(page.items ?? []));
    pageToken = page.meta?.nextToken;
  } while (pageToken);
  return results;
}

export async function fetchOperatorResult(client: Twilio, id: string): Promise<OperatorResult> {
  assertOperatorResultId(id);
  return (await client.intelligence.v3.fetch({ uri: `/OperatorResults/${id}`, method: 'get' })) as OperatorResult;
}

export async function deleteOperatorResult(client: Twilio, id: string): Promise<void> {
  assertOperatorResultId(id);
  await client.intelligence.v3.operatorResults(id).remove();
}

const INDENT = '  ';

/** One result as a person reads it: `Name@version (FORMAT)`, then what matters for its format, indented. */
export function renderResult(result: OperatorResult, operatorName: string, style: Style): string {
  const heading = `${style.bold(sanitize(`${operatorName}@${result.operator?.version ?? '?'}`))} ${style.dim(`(${sanitize(result.outputFormat ?? 'unknown')})`)}`;
  const width = Math.max(20, style.width - INDENT.length);
  const body = resultBody(result.result ?? {}, result.outputFormat, style, width);
  return `${heading}\n${body
    .split('\n')
    .map((line) => (line.trim() ? `${INDENT}${line.trimEnd()}` : ''))
    .join('\n')}`;
}

function resultBody(value: Record<string, unknown>, format: string | undefined, style: Style, width: number): string {
  switch (format) {
    case 'TEXT':
      return wrap(sanitize(cellText(value.text)), width).join('\n');
    case 'CLASSIFICATION':
      return style.green(sanitize(cellText(value.label)));
    case 'EXTRACTION': {
      const entities: unknown[] = Array.isArray(value.entities) ? value.entities : [];
      const rows = entities.map((entity) => (isRecord(entity) ? entity : { text: entity }));
      return rows.length ? wrappedTable([{ key: 'label' }, { key: 'text' }], rows, style, width) : style.dim('no entities found');
    }
    default:
      return keyValues(value, style, width);
  }
}

/** `key: value` lines (nested values as compact JSON), or a fitted key/value table on a terminal. */
function keyValues(value: Record<string, unknown>, style: Style, width: number): string {
  const keys = Object.keys(value);
  if (keys.length === 0) return style.dim('(empty)');
  if (style.tty)
    return keyValueTable(
      keys.map((key) => ({ key, header: key })),
      value,
      style,
      width,
    );
  return keys.map((key) => `${sanitize(key)}: ${sanitize(cellText(value[key]))}`).join('\n');
}

/** A conversation's results, one section per result, operators named; a line when there are none. */
export function renderConversationResults(
  conversationId: string,
  results: readonly OperatorResult[],
  names: ReadonlyMap<string, string>,
  style: Style,
): string {
  const header = `${style.bold('CONVERSATION')}  ${conversationId}  ${style.dim(`(v3, ${results.length} operator result${results.length === 1 ? '' : 's'})`)}`;
  if (results.length === 0) {
    return `${header}\n\n${style.dim('No operator results: run a rule on it with `ci rules run <configuration> <rule> <conversation>`.')}`;
  }
  const sections = results.map((result) =>
    renderResult(result, names.get(result.operator?.id ?? '') ?? String(result.operator?.id), style),
  );
  return [header, ...sections].join('\n\n');
}
