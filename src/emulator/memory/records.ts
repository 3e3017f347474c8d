// Memory v1 Stores as stored (`/v1/ControlPlane/Stores`) and their provisioning, which only time moves on.
import type { Collection, Store } from '../store.js';

export const STORE_STATUSES = ['QUEUED', 'PROVISIONING', 'ACTIVE', 'FAILED'] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

/** Time a new store takes from QUEUED to ACTIVE: QUEUED for the first half, PROVISIONING for the second. */
export const PROVISIONING_MS = 400;

/** `sid` is the store's `id`; its status is derived from `createdAt` and `activeAt` (see storeStatus). */
export interface MemoryStoreRecord {
  sid: string;
  displayName: string;
  description?: string;
  intelligenceServiceId: null;
  version: number;
  createdAt: string;
  /** When provisioning ends; a store made for a seeded conversation is ACTIVE at once. */
  activeAt: string;
}

export function memoryStoreCollection(store: Store): Collection<MemoryStoreRecord> {
  return store.collection<MemoryStoreRecord>('memory-v1.stores');
}

/** QUEUED, then PROVISIONING half-way, then ACTIVE once `activeAt` has passed. */
export function storeStatus(record: Pick<MemoryStoreRecord, 'createdAt' | 'activeAt'>, now: number = Date.now()): StoreStatus {
  const start = Date.parse(record.createdAt);
  const end = Date.parse(record.activeAt);
  if (now >= end) return 'ACTIVE';
  return now < start + (end - start) / 2 ? 'QUEUED' : 'PROVISIONING';
}

export function renderStore(record: MemoryStoreRecord, now?: number): Record<string, unknown> {
  return {
    id: record.sid,
    displayName: record.displayName,
    ...(record.description === undefined ? {} : { description: record.description }),
    status: storeStatus(record, now),
    intelligenceServiceId: record.intelligenceServiceId,
    version: record.version,
  };
}
