// /v3/ControlPlane/Operators: create (201 + ETag), list, fetch, PUT (If-Match; each update is a new version), delete,
// and the versions of one operator.
import type { Route } from '../../router.js';
import type { RequestContext } from '../../router.js';
import { badRequest, notFound, staleVersion } from '../errors.js';
import { isId, newId } from '../ids.js';
import { tokenPage } from '../paging.js';
import {
  currentVersion,
  findVersion,
  newVersion,
  operatorCollection,
  renderOperator,
  renderVersion,
  versionStatus,
  type OperatorRecord,
} from './records.js';
import { readOperatorDefinition } from './validate.js';

const BASE = '/v3/ControlPlane/Operators';

/** The operator a path names; a malformed ID is "not found", as on Twilio. */
export function operatorFrom(context: RequestContext): OperatorRecord {
  const id = context.params.id ?? '';
  const operator = isId('operator', id) ? operatorCollection(context.store).get(id) : undefined;
  if (!operator) throw notFound('Operator', id);
  return operator;
}

/** The spec declares ETag as the integer version (unquoted). */
function etag(operator: OperatorRecord): Record<string, string> {
  return { ETag: String(currentVersion(operator).version) };
}

/** If-Match may carry the version bare, quoted or weak (`3`, `"3"`, `W/"3"`), or `*`. */
function checkIfMatch(header: string | string[] | undefined, operator: OperatorRecord): void {
  if (header === undefined) return;
  const given = (Array.isArray(header) ? header.join(',') : header).trim();
  const current = currentVersion(operator).version;
  if (given === '*') return;
  if (given.replace(/^W\//, '').replace(/^"(.*)"$/, '$1') !== String(current)) throw staleVersion(given, current);
}

export const operatorRoutes: Route[] = [
  {
    method: 'POST',
    pattern: BASE,
    handler(context) {
      const definition = readOperatorDefinition(context.body);
      const now = new Date().toISOString();
      const operator = operatorCollection(context.store).insert({
        sid: newId('operator'),
        accountSid: context.accountSid,
        author: 'SELF',
        versions: [newVersion(1, definition, now)],
      });
      return { status: 201, body: renderOperator(operator), headers: etag(operator) };
    },
  },
  {
    method: 'GET',
    pattern: BASE,
    handler: ({ store, query }) => ({
      status: 200,
      body: tokenPage(operatorCollection(store).entries(), query, (operator) => renderOperator(operator)),
    }),
  },
  {
    method: 'GET',
    pattern: `${BASE}/{id}`,
    handler(context) {
      const operator = operatorFrom(context);
      return { status: 200, body: renderOperator(operator), headers: etag(operator) };
    },
  },
  {
    method: 'PUT',
    pattern: `${BASE}/{id}`,
    handler(context) {
      const operator = operatorFrom(context);
      if (operator.author === 'TWILIO') throw badRequest(`Operator ${operator.sid} is Twilio-authored and cannot be changed`);
      checkIfMatch(context.headers['if-match'], operator);
      const definition = readOperatorDefinition(context.body);
      const next = newVersion(currentVersion(operator).version + 1, definition, new Date().toISOString());
      const updated = operatorCollection(context.store).replace({
        ...operator,
        versions: [...operator.versions, next],
      });
      return { status: 200, body: renderOperator(updated), headers: etag(updated) };
    },
  },
  {
    method: 'DELETE',
    pattern: `${BASE}/{id}`,
    handler(context) {
      const operator = operatorFrom(context);
      if (operator.author === 'TWILIO') throw badRequest(`Operator ${operator.sid} is Twilio-authored and cannot be deleted`);
      operatorCollection(context.store).delete(operator.sid);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/{id}/Versions`,
    handler(context) {
      const operator = operatorFrom(context);
      // Newest first, as the spec's example lists them; the position in that order anchors page tokens.
      const newestFirst = [...operator.versions].reverse().map((value, seq) => ({ seq, value }));
      return { status: 200, body: tokenPage(newestFirst, context.query, versionStatus) };
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/{id}/Versions/{version}`,
    handler(context) {
      const operator = operatorFrom(context);
      const requested = context.params.version ?? '';
      const number = /^\d+$/.test(requested) ? Number(requested) : NaN;
      const version = findVersion(operator, number);
      if (!version) throw notFound(`Version of operator ${operator.sid}`, requested);
      return { status: 200, body: renderVersion(operator, version) };
    },
  },
];
