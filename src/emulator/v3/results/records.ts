// OperatorResults as stored: one per operator per rule execution.
import type { Collection, Store } from '../../store.js';
import type { JsonObject } from '../body.js';
import type { OutputFormat } from '../operators/records.js';

export interface SystemMetadata {
  resolvedModel: string;
  latencyMs: number;
  inputCharacters: number;
  outputCharacters: number;
  inputTruncated: boolean;
}

export interface ExecutionDetails {
  trigger: { on: string; timestamp: string };
  communications: { first: string; last: string };
  channels: string[];
  participants: { id: string; type: string; profileId?: string }[];
  resolvedContext?: { memory?: { profileId: string; memoryStoreId: string } };
}

/** `sid` is the store's key: here the result's TTID. */
export interface OperatorResultRecord {
  sid: string;
  accountSid: string;
  outputFormat: OutputFormat;
  intelligenceConfiguration: { id: string; ruleId: string; version: number };
  conversationId: string;
  operator: { id: string; version: number; parameters: Record<string, unknown> };
  dateCreated: string;
  referenceIds: string[];
  executionDetails: ExecutionDetails;
  metadata: { system: SystemMetadata };
  /** `{text}` (TEXT), the schema's object (JSON) or `{label}` (CLASSIFICATION). */
  result: JsonObject;
}

export function resultCollection(store: Store): Collection<OperatorResultRecord> {
  return store.collection<OperatorResultRecord>('v3.operatorResults');
}

export function renderResult(record: OperatorResultRecord): JsonObject {
  const { sid, accountSid, ...rest } = record;
  return { id: sid, accountId: accountSid, ...rest };
}
