// Readers for Conversations v2 request bodies, on top of the v3 JSON readers (each 400 names the field).
import { allowOnly, fieldPath, optionalArray, optionalString, requireObject, requiredString, type JsonObject } from '../v3/body.js';
import { invalidField } from '../v3/errors.js';
import {
  CHANNELS,
  PARTICIPANT_TYPES,
  type Address,
  type Channel,
  type Endpoint,
  type ParticipantType,
  type StatusCallback,
} from './records.js';
import type { ParticipantInput } from './lifecycle.js';

export function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((known) => known === value);
}

export function channelAt(object: JsonObject, path: string): Channel {
  return oneOf(CHANNELS, requiredString(object, 'channel', path, { oneOf: CHANNELS })) ?? 'VOICE';
}

export function readAddress(raw: unknown, path: string): Address {
  const address = requireObject(raw, path);
  allowOnly(address, path, ['channel', 'address', 'channelId']);
  const channelId = optionalString(address, 'channelId', path);
  return {
    channel: channelAt(address, path),
    address: requiredString(address, 'address', path),
    ...(channelId === undefined ? {} : { channelId }),
  };
}

export function readEndpoint(raw: unknown, path: string): Endpoint {
  const endpoint = requireObject(raw, path);
  allowOnly(endpoint, path, ['address', 'channel', 'participantId']);
  const participantId = optionalString(endpoint, 'participantId', path);
  return {
    address: requiredString(endpoint, 'address', path),
    channel: channelAt(endpoint, path),
    ...(participantId === undefined ? {} : { participantId }),
  };
}

export function readParticipantInput(raw: unknown, path: string, addressesRequired: boolean): ParticipantInput {
  const participant = requireObject(raw, path);
  allowOnly(participant, path, ['name', 'type', 'profileId', 'addresses']);
  const type: ParticipantType | undefined = oneOf(
    PARTICIPANT_TYPES,
    optionalString(participant, 'type', path, { oneOf: PARTICIPANT_TYPES }),
  );
  const addresses = optionalArray(participant, 'addresses', path);
  if (addresses === undefined && addressesRequired) throw invalidField(fieldPath(path, 'addresses'), 'is required');
  const profileId = optionalString(participant, 'profileId', path);
  return {
    name: optionalString(participant, 'name', path) ?? null,
    ...(type === undefined ? {} : { type }),
    ...(profileId === undefined ? {} : { profileId }),
    addresses: (addresses ?? []).map((address, index) => readAddress(address, fieldPath(fieldPath(path, 'addresses'), index))),
  };
}

export function readStatusCallbacks(raw: unknown, path: string, maxItems: number): StatusCallback[] {
  if (!Array.isArray(raw)) throw invalidField(path, 'expected an array');
  if (raw.length > maxItems) throw invalidField(path, `has ${raw.length} items; at most ${maxItems} are allowed`);
  return raw.map((item: unknown, index) => {
    const where = fieldPath(path, index);
    const callback = requireObject(item, where);
    allowOnly(callback, where, ['url', 'method']);
    const url = requiredString(callback, 'url', where);
    if (!URL.canParse(url)) throw invalidField(fieldPath(where, 'url'), `'${url}' is not a URL`);
    const method = optionalString(callback, 'method', where, { oneOf: ['POST', 'GET'] }) === 'GET' ? 'GET' : 'POST';
    return { url, method };
  });
}

export function stringArray(raw: unknown, path: string, maxItems: number): string[] {
  if (!Array.isArray(raw)) throw invalidField(path, 'expected an array');
  if (raw.length > maxItems) throw invalidField(path, `has ${raw.length} items; at most ${maxItems} are allowed`);
  return raw.map((item: unknown, index) => {
    if (typeof item !== 'string') throw invalidField(fieldPath(path, index), 'expected a string');
    return item;
  });
}

/** An ISO 8601 date-time, normalised; undefined when absent. */
export function optionalDate(object: JsonObject, name: string, path: string): string | undefined {
  const value = optionalString(object, name, path);
  if (value === undefined) return undefined;
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  if (!valid) throw invalidField(fieldPath(path, name), `'${value}' is not an ISO 8601 date-time`);
  return new Date(value).toISOString();
}
