// Conversations v2 ControlPlane: Configurations (create, list, fetch, PUT, PATCH, delete — each change answered 202
// `{statusUrl, related}` with an Operation) and Operations fetch. The change is applied at once; the operation reports
// PENDING for a moment (operations.ts) so clients poll as they would on Twilio.
import type { RequestContext, Route } from '../router.js';
import { allowOnly, optionalBoolean, optionalString, requireObject, requiredString, type JsonObject } from '../v3/body.js';
import { configurationCollection } from '../v3/configurations/records.js';
import { HttpError } from '../errors.js';
import { invalidField, notFound } from '../v3/errors.js';
import { isId, newId } from '../v3/ids.js';
import { keyedTokenPage } from '../v3/paging.js';
import { memoryStoreCollection } from '../memory/records.js';
import { optionalString as queryString } from '../params.js';
import { isComplete, OPERATION_MS, operationCollection, operationHeaders, startOperation, type OperationRecord } from './operations.js';
import { oneOf, readStatusCallbacks, stringArray } from './input.js';
import { conversationCollections, GROUPING_TYPES, type ConversationConfigurationRecord } from './records.js';
import { renderConfiguration } from './view.js';

const FIELDS = [
  'displayName',
  'description',
  'conversationGroupingType',
  'memoryStoreId',
  'channelSettings',
  'statusCallbacks',
  'intelligenceConfigurationIds',
  'memoryExtractionEnabled',
  'conversationsV1Bridge',
];
const DISPLAY_NAME = /^[a-zA-Z0-9-_ ]+$/;
const SETTINGS_CHANNELS = ['VOICE', 'SMS', 'RCS', 'WHATSAPP', 'CHAT'];

/** The fields a body may set; `undefined` leaves a field as it is (PATCH), `null` clears it. */
type Changes = Partial<{ [K in keyof ConversationConfigurationRecord]: ConversationConfigurationRecord[K] | null }>;

export const configurationRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v2/ControlPlane/Configurations',
    handler(context) {
      const body = requireObject(context.body, '');
      const changes = readChanges(context, body, ['displayName', 'description', 'conversationGroupingType', 'memoryStoreId']);
      const now = new Date().toISOString();
      const record = withChanges(
        {
          sid: newId('conversationConfiguration'),
          displayName: '',
          description: '',
          conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES',
          intelligenceConfigurationIds: [],
          memoryExtractionEnabled: false,
          createdAt: now,
          updatedAt: now,
          version: 1,
        },
        changes,
      );
      refuseBridgeConflict(context, record);
      conversationCollections(context.store).configurations.insert(record);
      return accepted(context, { configurationId: record.sid });
    },
  },
  {
    method: 'GET',
    pattern: '/v2/ControlPlane/Configurations',
    handler({ store, query }) {
      const memoryStoreId = queryString(query, 'memoryStoreId');
      if (memoryStoreId !== undefined && !/^mem_(store|service)_[0-7][0-9a-z]{25}$/.test(memoryStoreId)) {
        throw invalidField('memoryStoreId', `'${memoryStoreId}' is not a memory store id`);
      }
      const entries = conversationCollections(store)
        .configurations.entries()
        .filter((entry) => memoryStoreId === undefined || entry.value.memoryStoreId === memoryStoreId);
      return { status: 200, body: keyedTokenPage('configurations', entries, query, renderConfiguration) };
    },
  },
  {
    method: 'GET',
    pattern: '/v2/ControlPlane/Configurations/{id}',
    handler: (context) => ({ status: 200, body: renderConfiguration(configurationFrom(context)) }),
  },
  {
    // Full replacement: what the body leaves out is cleared (displayName is kept: the spec does not require it).
    method: 'PUT',
    pattern: '/v2/ControlPlane/Configurations/{id}',
    handler(context) {
      const current = configurationFrom(context);
      const body = requireObject(context.body, '');
      const changes = readChanges(context, body, ['conversationGroupingType', 'channelSettings', 'description', 'memoryStoreId']);
      const cleared: Changes = {
        statusCallbacks: null,
        intelligenceConfigurationIds: [],
        memoryExtractionEnabled: false,
        conversationsV1Bridge: null,
      };
      return update(context, current, { ...cleared, ...changes });
    },
  },
  {
    method: 'PATCH',
    pattern: '/v2/ControlPlane/Configurations/{id}',
    handler(context) {
      const current = configurationFrom(context);
      const changes = readChanges(context, requireObject(context.body ?? {}, ''), [], current.channelSettings);
      return update(context, current, changes);
    },
  },
  {
    method: 'DELETE',
    pattern: '/v2/ControlPlane/Configurations/{id}',
    handler(context) {
      const current = configurationFrom(context);
      const inUse = conversationCollections(context.store).conversations.find(
        (conversation) => conversation.configurationId === current.sid,
      );
      if (inUse) {
        throw conflictWith(inUse.sid, `Configuration ${current.sid} still has conversations (${inUse.sid}): delete them first`);
      }
      conversationCollections(context.store).configurations.delete(current.sid);
      return accepted(context, { configurationId: current.sid });
    },
  },
  {
    method: 'GET',
    pattern: '/v2/ControlPlane/Operations/{id}',
    handler(context) {
      const id = context.params.id ?? '';
      const operation = isId('conversationsOperation', id) ? operationCollection(context.store, 'conversations-v2').get(id) : undefined;
      if (!operation) throw notFound('Operation', id);
      return { status: 200, body: renderOperation(operation, operationUrl(context, operation)) };
    },
  },
];

function configurationFrom(context: RequestContext): ConversationConfigurationRecord {
  const id = context.params.id ?? '';
  const record = conversationCollections(context.store).configurations.get(id);
  if (!record) throw notFound('Configuration', id);
  return record;
}

function update(context: RequestContext, current: ConversationConfigurationRecord, changes: Changes) {
  const record = withChanges({ ...current, version: current.version + 1, updatedAt: new Date().toISOString() }, changes);
  refuseBridgeConflict(context, record);
  conversationCollections(context.store).configurations.replace(record);
  return accepted(context, { configurationId: record.sid });
}

function withChanges(base: ConversationConfigurationRecord, changes: Changes): ConversationConfigurationRecord {
  const record: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete record[name];
    else if (value !== undefined) record[name] = value;
  }
  return record as unknown as ConversationConfigurationRecord;
}

/** "One configuration per V1 Service SID": a second is 409 naming the first. */
function refuseBridgeConflict(context: RequestContext, record: ConversationConfigurationRecord): void {
  const serviceId = record.conversationsV1Bridge?.serviceId;
  if (serviceId === undefined) return;
  const other = conversationCollections(context.store).configurations.find(
    (candidate) => candidate.sid !== record.sid && candidate.conversationsV1Bridge?.serviceId === serviceId,
  );
  if (!other) return;
  throw conflictWith(other.sid, `Conversations V1 service ${serviceId} is already bridged by configuration ${other.sid}`);
}

/** The spec's 409 names the resource in the way. */
function conflictWith(resourceId: string, message: string): HttpError {
  return new HttpError(409, 20409, message, { 'X-Conflicting-Resource-Id': resourceId });
}

/**
 * The body's fields, checked (the memory store and Intelligence Configurations must exist). `null` (PATCH) clears
 * an optional field; `channelSettings` in a PATCH merges per channel over `mergeOnto`.
 */
function readChanges(context: RequestContext, body: JsonObject, required: readonly string[], mergeOnto?: Record<string, unknown>): Changes {
  allowOnly(body, '', FIELDS);
  const missing = required.find((name) => body[name] === undefined || body[name] === null);
  if (missing !== undefined) throw invalidField(missing, 'is required');
  const present = (name: string) => body[name] !== undefined;
  const nulled = (name: string) => body[name] === null;
  const changes: Changes = {};
  if (present('displayName') && !nulled('displayName')) {
    const displayName = requiredString(body, 'displayName', '', { maxLength: 32 });
    if (!DISPLAY_NAME.test(displayName)) throw invalidField('displayName', 'may hold only letters, digits, spaces, - and _');
    changes.displayName = displayName;
  }
  if (present('description'))
    changes.description = nulled('description') ? '' : (optionalString(body, 'description', '', { maxLength: 512 }) ?? '');
  if (present('conversationGroupingType')) {
    changes.conversationGroupingType = oneOf(
      GROUPING_TYPES,
      requiredString(body, 'conversationGroupingType', '', { oneOf: GROUPING_TYPES }),
    );
  }
  if (present('memoryStoreId') && !nulled('memoryStoreId')) {
    const id = requiredString(body, 'memoryStoreId', '');
    if (!memoryStoreCollection(context.store).get(id)) throw invalidField('memoryStoreId', `memory store ${id} does not exist`);
    changes.memoryStoreId = id;
  } else if (nulled('memoryStoreId')) {
    throw invalidField('memoryStoreId', 'a configuration needs a memory store');
  }
  if (present('channelSettings'))
    changes.channelSettings = nulled('channelSettings') ? null : readChannelSettings(body.channelSettings, mergeOnto);
  if (present('statusCallbacks'))
    changes.statusCallbacks = nulled('statusCallbacks') ? null : readStatusCallbacks(body.statusCallbacks, 'statusCallbacks', 2);
  if (present('intelligenceConfigurationIds')) {
    const ids = nulled('intelligenceConfigurationIds')
      ? []
      : stringArray(body.intelligenceConfigurationIds, 'intelligenceConfigurationIds', 5);
    ids.forEach((id, index) => {
      if (!isId('configuration', id) || !configurationCollection(context.store).get(id)) {
        throw invalidField(`intelligenceConfigurationIds[${index}]`, `Intelligence Configuration ${id} does not exist`);
      }
    });
    changes.intelligenceConfigurationIds = ids;
  }
  if (present('memoryExtractionEnabled'))
    changes.memoryExtractionEnabled = nulled('memoryExtractionEnabled') ? false : optionalBoolean(body, 'memoryExtractionEnabled', '');
  if (present('conversationsV1Bridge'))
    changes.conversationsV1Bridge = nulled('conversationsV1Bridge') ? null : readBridge(body.conversationsV1Bridge);
  return changes;
}

function readChannelSettings(raw: unknown, mergeOnto: Record<string, unknown> | undefined): Record<string, unknown> {
  const settings = requireObject(raw, 'channelSettings');
  const merged: Record<string, unknown> = { ...mergeOnto };
  for (const [channel, value] of Object.entries(settings)) {
    const path = `channelSettings.${channel}`;
    if (!SETTINGS_CHANNELS.includes(channel)) throw invalidField(path, `'${channel}' is not one of ${SETTINGS_CHANNELS.join(', ')}`);
    if (value === null && mergeOnto) {
      delete merged[channel];
      continue;
    }
    const setting = requireObject(value, path);
    allowOnly(setting, path, ['statusTimeouts', 'captureRules']);
    const timeouts = setting.statusTimeouts === undefined ? undefined : requireObject(setting.statusTimeouts, `${path}.statusTimeouts`);
    if (timeouts) {
      allowOnly(timeouts, `${path}.statusTimeouts`, ['inactive', 'closed']);
      for (const [name, minutes] of Object.entries(timeouts)) {
        if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1) {
          throw invalidField(`${path}.statusTimeouts.${name}`, 'expected a whole number of minutes, at least 1');
        }
      }
    }
    if (setting.captureRules !== undefined) {
      if (!Array.isArray(setting.captureRules)) throw invalidField(`${path}.captureRules`, 'expected an array');
      setting.captureRules.forEach((rule: unknown, index) => {
        const where = `${path}.captureRules[${index}]`;
        const capture = requireObject(rule, where);
        allowOnly(capture, where, ['from', 'to', 'metadata']);
        requiredString(capture, 'from', where);
        requiredString(capture, 'to', where);
      });
    }
    merged[channel] = setting;
  }
  return merged;
}

function readBridge(raw: unknown): { serviceId: string } {
  const bridge = requireObject(raw, 'conversationsV1Bridge');
  allowOnly(bridge, 'conversationsV1Bridge', ['serviceId']);
  const serviceId = requiredString(bridge, 'serviceId', 'conversationsV1Bridge');
  if (!/^IS[0-9a-f]{32}$/.test(serviceId))
    throw invalidField('conversationsV1Bridge.serviceId', `'${serviceId}' is not a Conversations V1 Service SID`);
  return { serviceId };
}

export function operationUrl(context: RequestContext, operation: OperationRecord): string {
  return `${context.origin}/v2/ControlPlane/Operations/${operation.sid}`;
}

/** The 202 of every asynchronous change: `{statusUrl, related}` and the operation's headers. */
export function accepted(context: RequestContext, related: Record<string, string>) {
  const operation = startOperation(operationCollection(context.store, 'conversations-v2'), 'conversationsOperation', OPERATION_MS, {
    related,
  });
  const statusUrl = operationUrl(context, operation);
  return { status: 202, body: { statusUrl, related }, headers: operationHeaders(operation, statusUrl) };
}

function renderOperation(operation: OperationRecord, statusUrl: string): JsonObject {
  const done = isComplete(operation);
  return {
    operationId: operation.sid,
    status: done ? 'COMPLETED' : 'PENDING',
    createdAt: operation.createdAt,
    completedAt: done ? operation.completesAt : null,
    statusUrl,
    related: operation.related ?? null,
  };
}
