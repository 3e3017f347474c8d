// Readers for v3 JSON bodies: each check names the field (a JSON path such as `rules[0].triggers`) in its 400.
import { invalidField } from './errors.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `parent.name`, or `name` at the top level. */
export function fieldPath(parent: string, name: string | number): string {
  if (typeof name === 'number') return `${parent}[${name}]`;
  return parent === '' ? name : `${parent}.${name}`;
}

export function requireObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw invalidField(path || 'body', 'expected a JSON object');
  return value;
}

/** Unknown fields are refused rather than ignored, so a client's misspelt or snake_case field is caught. */
export function allowOnly(object: JsonObject, path: string, allowed: readonly string[]): void {
  const unknown = Object.keys(object).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw invalidField(fieldPath(path, unknown), 'is not a field of this resource');
}

interface StringRule {
  maxLength?: number;
  /** Allowed values. */
  oneOf?: readonly string[];
}

export function optionalString(object: JsonObject, name: string, path: string, rule: StringRule = {}): string | undefined {
  const value = object[name];
  if (value === undefined) return undefined;
  const where = fieldPath(path, name);
  if (typeof value !== 'string') throw invalidField(where, 'expected a string');
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    throw invalidField(where, `is ${value.length} characters long; at most ${rule.maxLength} are allowed`);
  }
  if (rule.oneOf && !rule.oneOf.includes(value)) throw invalidField(where, `'${value}' is not one of ${rule.oneOf.join(', ')}`);
  return value;
}

export function requiredString(object: JsonObject, name: string, path: string, rule: StringRule = {}): string {
  const value = optionalString(object, name, path, rule);
  if (value === undefined || value === '') throw invalidField(fieldPath(path, name), 'is required');
  return value;
}

export function optionalBoolean(object: JsonObject, name: string, path: string): boolean | undefined {
  const value = object[name];
  if (value === undefined || typeof value === 'boolean') return value;
  throw invalidField(fieldPath(path, name), 'expected true or false');
}

export function optionalInteger(object: JsonObject, name: string, path: string, min: number, max: number): number | undefined {
  const value = object[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidField(fieldPath(path, name), `expected an integer from ${min} to ${max}`);
  }
  return value;
}

export function optionalArray(object: JsonObject, name: string, path: string, maxItems = Infinity): unknown[] | undefined {
  const value = object[name];
  if (value === undefined) return undefined;
  const where = fieldPath(path, name);
  if (!Array.isArray(value)) throw invalidField(where, 'expected an array');
  if (value.length > maxItems) throw invalidField(where, `has ${value.length} items; at most ${maxItems} are allowed`);
  const items: unknown[] = value;
  return items;
}

export function requiredArray(object: JsonObject, name: string, path: string, maxItems = Infinity): unknown[] {
  const value = optionalArray(object, name, path, maxItems);
  if (value === undefined) throw invalidField(fieldPath(path, name), 'is required');
  return value;
}

export function optionalObject(object: JsonObject, name: string, path: string): JsonObject | undefined {
  const value = object[name];
  return value === undefined ? undefined : requireObject(value, fieldPath(path, name));
}
