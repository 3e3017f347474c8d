// Long-running operations (Conversations v2 `/v2/ControlPlane/Operations/{id}`, Memory v1
// `/v1/ControlPlane/Operations/{id}`): the change is applied at once, and the operation reports PENDING (Memory:
// RUNNING) until `completesAt`, so a client polls as it would on Twilio. Only time moves an operation on.
import type { Collection, Store } from '../store.js';
import { newId, type IdKind } from '../v3/ids.js';

/** Time a Conversations v2 operation stays PENDING. */
export const OPERATION_MS = 200;

export interface OperationRecord {
  sid: string;
  createdAt: string;
  completesAt: string;
  /** Conversations v2 `related`: e.g. `{configurationId}` or `{conversationId}`. */
  related?: Record<string, string>;
  /** Memory v1 `result.id`: the resource the operation made. */
  resourceId?: string;
}

export function operationCollection(store: Store, api: 'conversations-v2' | 'memory-v1'): Collection<OperationRecord> {
  return store.collection<OperationRecord>(`${api}.operations`);
}

export function startOperation(
  collection: Collection<OperationRecord>,
  kind: Extract<IdKind, 'conversationsOperation' | 'memoryOperation'>,
  durationMs: number,
  details: Pick<OperationRecord, 'related' | 'resourceId'>,
): OperationRecord {
  const now = Date.now();
  return collection.insert({
    sid: newId(kind, now),
    createdAt: new Date(now).toISOString(),
    completesAt: new Date(now + durationMs).toISOString(),
    ...details,
  });
}

export function isComplete(operation: OperationRecord, now: number = Date.now()): boolean {
  return now >= Date.parse(operation.completesAt);
}

/** The headers the spec's 202s declare: the operation's ID, where to poll it, and when. */
export function operationHeaders(operation: OperationRecord, statusUrl: string): Record<string, string> {
  return { 'Operation-Id': operation.sid, Location: statusUrl, 'Retry-After': '1' };
}
