// The v3 spec's limits, in one place.
import { isObject } from './body.js';

export const LIMITS = {
  rulesPerConfiguration: 5,
  operatorsPerRule: 5,
  triggersPerRule: 1,
  actionsPerRule: 2,
  displayNameLength: 128,
  triggerCountMin: 1,
  triggerCountMax: 20,
  schemaProperties: 100,
  schemaNestingLevels: 10,
  schemaEnumValues: 1000,
} as const;

/** Keywords the spec lists as unsupported in an output schema (OpenAI structured outputs). */
const UNSUPPORTED_KEYWORDS = [
  'minLength',
  'maxLength',
  'patternProperties',
  'unevaluatedProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
  'uniqueItems',
];

export interface SchemaViolation {
  /** JSON path inside the schema, e.g. `properties.customer.properties.name`; '' for the root. */
  path: string;
  problem: string;
}

/**
 * The first way `schema` breaks the v3 output-schema rules: root `type: object`, at most 100 object
 * properties in all, 10 levels of nesting (the root is level 1; `properties` and `items` go one level
 * down), 1000 enum values in all, none of the unsupported keywords. Undefined when it keeps them.
 */
export function outputSchemaViolation(schema: unknown): SchemaViolation | undefined {
  if (!isObject(schema) || schema.type !== 'object') return { path: '', problem: "the root must be a schema with type 'object'" };
  const totals = { properties: 0, enumValues: 0 };
  return walk(schema, '', 1, totals);
}

function walk(node: unknown, path: string, level: number, totals: { properties: number; enumValues: number }): SchemaViolation | undefined {
  if (!isObject(node)) return undefined;
  if (level > LIMITS.schemaNestingLevels) return { path, problem: `nests deeper than ${LIMITS.schemaNestingLevels} levels` };
  const unsupported = UNSUPPORTED_KEYWORDS.find((keyword) => keyword in node);
  if (unsupported) return { path: join(path, unsupported), problem: 'is not supported in an output schema' };
  if (Array.isArray(node.enum)) {
    totals.enumValues += node.enum.length;
    if (totals.enumValues > LIMITS.schemaEnumValues)
      return { path: join(path, 'enum'), problem: `more than ${LIMITS.schemaEnumValues} enum values in all` };
  }
  const children: [string, unknown, number][] = [];
  if (isObject(node.properties)) {
    totals.properties += Object.keys(node.properties).length;
    if (totals.properties > LIMITS.schemaProperties) {
      return { path: join(path, 'properties'), problem: `more than ${LIMITS.schemaProperties} object properties in all` };
    }
    for (const [name, child] of Object.entries(node.properties)) children.push([join(join(path, 'properties'), name), child, level + 1]);
  }
  if (node.items !== undefined) children.push([join(path, 'items'), node.items, level + 1]);
  if (Array.isArray(node.anyOf)) node.anyOf.forEach((child, index) => children.push([`${join(path, 'anyOf')}[${index}]`, child, level]));
  for (const key of ['$defs', 'definitions']) {
    const defs = node[key];
    if (isObject(defs)) for (const [name, child] of Object.entries(defs)) children.push([join(join(path, key), name), child, level]);
  }
  for (const [childPath, child, childLevel] of children) {
    const violation = walk(child, childPath, childLevel, totals);
    if (violation) return violation;
  }
  return undefined;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
