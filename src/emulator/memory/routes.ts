// Memory v1 (twilio_memory_v1.json), as far as a Conversations v2 configuration needs: ControlPlane Stores
// (create 202 `{message, statusUrl}` with no ID, list of IDs, fetch, delete 202) and their Operations. Every other
// Memory path matches no route and gets the server's 404 with Twilio's error body (docs/v3.md).
import type { RequestContext, Route } from '../router.js';
import { allowOnly, optionalString, requireObject, requiredString } from '../v3/body.js';
import { invalidField, notFound } from '../v3/errors.js';
import { isId, newId } from '../v3/ids.js';
import { keyedTokenPage } from '../v3/paging.js';
import { isComplete, operationCollection, operationHeaders, startOperation, type OperationRecord } from '../conversations/operations.js';
import { memoryStoreCollection, PROVISIONING_MS, renderStore, type MemoryStoreRecord } from './records.js';
import { optionalString as queryString } from '../params.js';

/** The spec's page size limit for stores. */
const MAX_STORES_PAGE = 100;
/** "Accounts can have multiple memory stores, up to a maximum limit of 15." */
const MAX_STORES = 15;
const DISPLAY_NAME = { pattern: /^[a-zA-Z0-9-]+$/, maxLength: 64 };

export const memoryRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/ControlPlane/Stores',
    handler(context) {
      const body = requireObject(context.body, '');
      allowOnly(body, '', ['displayName', 'description']);
      const displayName = displayNameOf(requiredString(body, 'displayName', ''));
      const description = optionalString(body, 'description', '', { maxLength: 128 });
      const stores = memoryStoreCollection(context.store);
      if (stores.size >= MAX_STORES) throw invalidField('displayName', `an account has at most ${MAX_STORES} memory stores`);
      const now = Date.now();
      const record = stores.insert({
        sid: newId('memoryStore', now),
        displayName,
        ...(description === undefined ? {} : { description }),
        intelligenceServiceId: null,
        version: 1,
        createdAt: new Date(now).toISOString(),
        activeAt: new Date(now + PROVISIONING_MS).toISOString(),
      });
      return accepted(context, 'Memory Store creation accepted for processing.', PROVISIONING_MS, record.sid);
    },
  },
  {
    method: 'GET',
    pattern: '/v1/ControlPlane/Stores',
    handler({ store, query }) {
      const order = queryString(query, 'orderBy') ?? 'DESC';
      if (order !== 'ASC' && order !== 'DESC') throw invalidField('orderBy', `'${order}' is not one of ASC, DESC`);
      const entries = memoryStoreCollection(store).entries();
      // Token positions must grow along the list: in DESC order a position counts down from the largest integer.
      const ordered =
        order === 'ASC'
          ? entries
          : [...entries].reverse().map((entry) => ({ seq: Number.MAX_SAFE_INTEGER - entry.seq, value: entry.value }));
      return { status: 200, body: keyedTokenPage('stores', ordered, query, (record) => record.sid, MAX_STORES_PAGE) };
    },
  },
  {
    method: 'GET',
    pattern: '/v1/ControlPlane/Stores/{storeId}',
    handler(context) {
      const record = storeFrom(context);
      return { status: 200, body: renderStore(record), headers: { ETag: `"${record.version}"` } };
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/ControlPlane/Stores/{storeId}',
    handler(context) {
      const record = storeFrom(context);
      memoryStoreCollection(context.store).delete(record.sid);
      return accepted(context, 'Memory Store deletion accepted for processing.', 0, record.sid);
    },
  },
  {
    method: 'GET',
    pattern: '/v1/ControlPlane/Operations/{operationId}',
    handler(context) {
      const id = context.params.operationId ?? '';
      const operation = isId('memoryOperation', id) ? operationCollection(context.store, 'memory-v1').get(id) : undefined;
      if (!operation) throw notFound('Operation', id);
      const statusUrl = operationUrl(context, operation);
      return {
        status: 200,
        body: renderOperation(operation, statusUrl),
        headers: { 'Operation-Id': operation.sid, 'Retry-After': '1' },
      };
    },
  },
];

function displayNameOf(value: string): string {
  if (value.length > DISPLAY_NAME.maxLength || !DISPLAY_NAME.pattern.test(value)) {
    throw invalidField('displayName', `must be 1 to ${DISPLAY_NAME.maxLength} letters, digits or hyphens`);
  }
  return value;
}

function storeFrom(context: RequestContext): MemoryStoreRecord {
  const id = context.params.storeId ?? '';
  const record = isId('memoryStore', id) ? memoryStoreCollection(context.store).get(id) : undefined;
  if (!record) throw notFound('Memory Store', id);
  return record;
}

function operationUrl(context: RequestContext, operation: OperationRecord): string {
  return `${context.origin}/v1/ControlPlane/Operations/${operation.sid}`;
}

/** The 202 of a create or delete: no ID, only where to poll. */
function accepted(context: RequestContext, message: string, durationMs: number, resourceId: string) {
  const operation = startOperation(operationCollection(context.store, 'memory-v1'), 'memoryOperation', durationMs, { resourceId });
  const statusUrl = operationUrl(context, operation);
  return { status: 202, body: { message, statusUrl }, headers: operationHeaders(operation, statusUrl) };
}

/** PENDING while its store is QUEUED, RUNNING while it is PROVISIONING (see storeStatus). */
function halfWay(operation: OperationRecord): boolean {
  const start = Date.parse(operation.createdAt);
  return Date.now() >= start + (Date.parse(operation.completesAt) - start) / 2;
}

function renderOperation(operation: OperationRecord, statusUrl: string): Record<string, unknown> {
  const base = { operationId: operation.sid, createdAt: operation.createdAt, statusUrl };
  if (!isComplete(operation)) return { ...base, status: halfWay(operation) ? 'RUNNING' : 'PENDING' };
  return {
    ...base,
    status: 'COMPLETED',
    completedAt: operation.completesAt,
    ...(operation.resourceId === undefined ? {} : { result: { type: 'RESOURCE_ID', id: operation.resourceId } }),
  };
}
