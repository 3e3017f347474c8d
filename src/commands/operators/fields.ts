import type { AttachmentReport } from '../../lib/operators.js';
import { tsvHeader, tsvLine } from '../../lib/output/format.js';
import { sanitize } from '../../lib/output/sanitize.js';
import { table } from '../../lib/output/table.js';
import type { Column, CommandResult } from '../../lib/output/types.js';

/** Config reads best indented on a terminal; in TSV it stays one compact cell. */
const prettyJson = (value: unknown, _row: unknown, tty: boolean) =>
  value === null || value === undefined ? '' : JSON.stringify(value, null, tty ? 2 : undefined);

/**
 * List columns in priority order (identity, state, the rest): a narrow terminal drops from the end.
 * The type says what an operator is, so it counts as identity.
 */
export const OPERATOR_LIST_COLUMNS: Column[] = [
  { key: 'sid', header: 'SID', id: true },
  { key: 'friendlyName' },
  { key: 'operatorType', header: 'TYPE' },
  { key: 'availability' },
  { key: 'version' },
  { key: 'author' },
];

export const OPERATOR_DETAIL_COLUMNS: Column[] = [
  { key: 'sid', header: 'SID' },
  { key: 'friendlyName' },
  { key: 'description' },
  { key: 'operatorType' },
  { key: 'availability' },
  { key: 'version' },
  { key: 'author' },
  { key: 'accountSid' },
  { key: 'config', format: prettyJson },
  { key: 'dateCreated' },
  { key: 'dateUpdated' },
  { key: 'url', header: 'URL' },
];

export const OPERATOR_TYPE_LIST_COLUMNS: Column[] = [
  { key: 'name' },
  { key: 'sid', header: 'SID', id: true },
  { key: 'outputType' },
  { key: 'configurable' },
  { key: 'availability' },
  { key: 'provider' },
  { key: 'friendlyName' },
];

export const OPERATOR_TYPE_DETAIL_COLUMNS: Column[] = [
  ...OPERATOR_TYPE_LIST_COLUMNS,
  { key: 'description' },
  { key: 'supportedLanguages', format: (value) => (Array.isArray(value) ? value.join(', ') : '') },
  { key: 'docsLink' },
  { key: 'configSchema', format: prettyJson },
  { key: 'dateCreated' },
  { key: 'dateUpdated' },
  { key: 'url', header: 'URL' },
];

/** Narrow enough that full SIDs fit a terminal. */
const ATTACHED_COLUMNS: Column[] = [
  { key: 'sid', header: 'SID', id: true },
  { key: 'friendlyName' },
  { key: 'operatorType', header: 'TYPE' },
];

const CHANGE_COLUMNS: Column[] = [{ key: 'operatorSid', header: 'SID' }, { key: 'friendlyName' }, { key: 'change' }];

/** What attach/detach did, operator by operator, then the service's operators afterwards; piped, the changes as TSV. */
export function attachmentResult(report: AttachmentReport, width: number): CommandResult {
  return {
    kind: 'view',
    json: report,
    human: (style) => {
      if (!style.tty) return [tsvHeader(CHANGE_COLUMNS), ...report.changes.map((change) => tsvLine(CHANGE_COLUMNS, change))].join('\n');
      const changes = report.changes.map(({ change, friendlyName, operatorSid }) => {
        const unchanged = change === 'already attached' || change === 'not attached';
        const mark = unchanged ? style.dim('=') : change === 'attached' ? style.green('+') : style.red('-');
        return `${mark} ${sanitize(friendlyName)} (${operatorSid}) ${change}`;
      });
      const attached = report.attachedOperators.length
        ? `Operators attached to ${report.serviceSid}:\n${table(ATTACHED_COLUMNS, report.attachedOperators, style, width)}`
        : `No operators attached to ${report.serviceSid}.`;
      return `${changes.join('\n')}\n\n${attached}`;
    },
  };
}
