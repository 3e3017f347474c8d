// The limits a result schema must keep before anything compiles it or validates an example with
// it, one profile per API generation. Shared by the CLI (checks before sending) and the emulator
// (answers 400 like the API). Iterative, so no schema can overflow the stack here.
import { patternProblem } from './regex.js';

export type SchemaProfile = 'classic' | 'v3';

export interface SchemaProblem {
  /** RFC 6901 pointer into the schema; '' for the schema as a whole. */
  pointer: string;
  message: string;
}

export interface SchemaLimits {
  /** Object levels: the root's properties are at level 1. */
  maxDepth: number;
  maxProperties: number;
  maxEnumValues: number;
  /** Subschemas inside subschemas, through any keyword (items, anyOf, …). */
  maxNesting: number;
  unsupportedKeywords: ReadonlySet<string>;
}

/** Keywords Twilio documents as unsupported in a v2 generative operator's json_result_schema. */
export const CLASSIC_UNSUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'multipleOf',
  'patternProperties',
  'unevaluatedProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
  'minItems',
  'maxItems',
  'uniqueItems',
]);

export const SCHEMA_LIMITS: Record<SchemaProfile, SchemaLimits> = {
  classic: { maxDepth: 5, maxProperties: 100, maxEnumValues: 500, maxNesting: 32, unsupportedKeywords: CLASSIC_UNSUPPORTED_KEYWORDS },
  v3: { maxDepth: 10, maxProperties: 100, maxEnumValues: 1000, maxNesting: 64, unsupportedKeywords: new Set() },
};

const SUPPORTED_TYPES = new Set(['string', 'number', 'boolean', 'integer', 'object', 'array', 'null']);
/** Keywords whose value is one subschema, a list of them, or a map of them; the `level` ones enter an object level. */
const ONE = ['items', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems'];
const LEVEL_ONE = ['additionalProperties', 'unevaluatedProperties'];
const LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems', 'items'];
const MAP = ['$defs', 'definitions', 'dependentSchemas'];
const LEVEL_MAP = ['properties', 'patternProperties'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 6901: `~` and `/` inside a key are escaped. */
export const pointerTo = (parent: string, key: string | number) => `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

interface Visit {
  node: Json;
  pointer: string;
  /** The keyword that holds this subschema (its pointer): where a depth problem is reported. */
  keyword: string;
  keywordName: string;
  depth: number;
  nesting: number;
  parent: number;
}

interface Visited extends Visit {
  /** The deepest object level in this node's subtree. */
  deepest: number;
}

interface Reference {
  at: number;
  /** The object level of the node that holds the $ref. */
  depth: number;
  pointer: string;
  target: string;
}

/** Every limit the schema breaks, in the order a reader meets them; [] when it keeps them all. */
export function checkSchemaLimits(schema: unknown, profile: SchemaProfile): SchemaProblem[] {
  const limits = SCHEMA_LIMITS[profile];
  const problems: SchemaProblem[] = [];
  if (!isObject(schema)) return [{ pointer: '', message: 'a schema must be a JSON object' }];
  const visited: Visited[] = [];
  const references: Reference[] = [];
  const counts = { properties: 0, enumValues: 0 };
  const seen = new Set<Json>();
  let nestingReported = false;
  const stack: Visit[] = [{ node: schema, pointer: '', keyword: '', keywordName: '', depth: 0, nesting: 0, parent: -1 }];
  while (stack.length) {
    const visit = stack.pop();
    if (!visit || seen.has(visit.node)) continue;
    seen.add(visit.node);
    const index = visited.push({ ...visit, deepest: visit.depth }) - 1;
    problems.push(...keywordProblems(visit, limits, profile, counts));
    if (typeof visit.node.$ref === 'string')
      references.push({ at: index, depth: visit.depth, pointer: pointerTo(visit.pointer, '$ref'), target: visit.node.$ref });
    const children = childrenOf(visit, index);
    if (!children.length) continue;
    if (visit.nesting + 1 > limits.maxNesting) {
      if (!nestingReported) problems.push({ pointer: visit.pointer, message: `subschemas nested more than ${limits.maxNesting} deep` });
      nestingReported = true;
      continue;
    }
    const tooDeep = children.find((child) => child.depth > limits.maxDepth);
    if (tooDeep) {
      problems.push({
        pointer: tooDeep.keyword,
        message: `nested ${tooDeep.depth} levels deep, at most ${limits.maxDepth} are supported`,
      });
      continue; // everything below is deeper still: one problem says it
    }
    counts.properties += children.filter((child) => child.keywordName === 'properties').length;
    for (const child of children.reverse()) stack.push(child);
  }
  for (const child of [...visited].reverse()) {
    const parent = visited[child.parent];
    if (parent) parent.deepest = Math.max(parent.deepest, child.deepest);
  }
  problems.push(...referenceProblems(visited, references, limits));
  if (counts.properties > limits.maxProperties)
    problems.push({ pointer: '', message: `${counts.properties} properties, at most ${limits.maxProperties} are supported` });
  if (counts.enumValues > limits.maxEnumValues)
    problems.push({ pointer: '', message: `${counts.enumValues} enum values in total, at most ${limits.maxEnumValues} are supported` });
  return problems;
}

function keywordProblems(visit: Visit, limits: SchemaLimits, profile: SchemaProfile, counts: { enumValues: number }): SchemaProblem[] {
  const { node, pointer } = visit;
  const problems: SchemaProblem[] = [];
  for (const key of Object.keys(node)) {
    if (limits.unsupportedKeywords.has(key))
      problems.push({ pointer: pointerTo(pointer, key), message: `keyword "${key}" is not supported` });
  }
  const types: unknown[] = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  for (const type of types) {
    if (typeof type !== 'string' || !SUPPORTED_TYPES.has(type))
      problems.push({ pointer: pointerTo(pointer, 'type'), message: `type ${JSON.stringify(type)} is not supported` });
  }
  if (Array.isArray(node.enum)) counts.enumValues += node.enum.length;
  if (profile === 'v3') {
    const patterns: Array<[string, unknown]> = [[pointerTo(pointer, 'pattern'), node.pattern]];
    if (isObject(node.patternProperties))
      for (const key of Object.keys(node.patternProperties)) patterns.push([pointerTo(pointerTo(pointer, 'patternProperties'), key), key]);
    for (const [at, pattern] of patterns) {
      const problem = typeof pattern === 'string' ? patternProblem(pattern) : undefined;
      if (problem) problems.push({ pointer: at, message: `pattern ${JSON.stringify(pattern)} is not supported: ${problem}` });
    }
  }
  return problems;
}

/** The subschemas of a node, in document order. */
function childrenOf(visit: Visit, index: number): Visit[] {
  const { node, pointer, depth, nesting } = visit;
  const children: Visit[] = [];
  for (const [key, value] of Object.entries(node)) {
    const keyword = pointerTo(pointer, key);
    const level = LEVEL_ONE.includes(key) || LEVEL_MAP.includes(key) ? depth + 1 : depth;
    const child = (item: unknown, at: string) => {
      if (isObject(item))
        children.push({ node: item, pointer: at, keyword, keywordName: key, depth: level, nesting: nesting + 1, parent: index });
    };
    if (ONE.includes(key) || LEVEL_ONE.includes(key)) child(value, keyword);
    if (LIST.includes(key) && Array.isArray(value)) value.forEach((item, i) => child(item, pointerTo(keyword, i)));
    if ((MAP.includes(key) || LEVEL_MAP.includes(key)) && isObject(value))
      for (const [name, item] of Object.entries(value)) child(item, pointerTo(keyword, name));
  }
  return children;
}

/** "#/$defs/a%20b" → "/$defs/a b"; undefined for a reference to another document. */
function localPointer(reference: string): string | undefined {
  if (!reference.startsWith('#')) return undefined;
  try {
    return decodeURIComponent(reference.slice(1));
  } catch {
    return undefined;
  }
}

/**
 * Local $refs: each must point at a subschema, none may lead back to itself (a recursive schema has no
 * depth), and the depth reached through them counts like written-out nesting.
 */
function referenceProblems(visited: Visited[], references: Reference[], limits: SchemaLimits): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const byPointer = new Map(visited.map((visit, index) => [visit.pointer, index]));
  /** The references inside each node's subtree, found by walking up from each reference. */
  const inside = new Map<number, Reference[]>();
  const targets = new Map<Reference, number>();
  for (const reference of references) {
    const pointer = localPointer(reference.target);
    const target = pointer === undefined ? undefined : byPointer.get(pointer);
    if (target === undefined) {
      problems.push({
        pointer: reference.pointer,
        message: pointer === undefined ? 'only local references (#/…) are supported' : `no subschema at ${reference.target}`,
      });
      continue;
    }
    targets.set(reference, target);
    for (let node: number | undefined = reference.at; node !== undefined && node >= 0; node = visited[node]?.parent)
      inside.set(node, [...(inside.get(node) ?? []), reference]);
  }
  // How many object levels a target adds below the place that refers to it; cycles found on the way.
  const reach = new Map<number, number>();
  const cyclic = new Set<Reference>();
  const active = new Set<number>();
  const visit = (start: number) => {
    const stack: Array<{ target: number; next: number }> = [{ target: start, next: 0 }];
    active.add(start);
    for (let frame = stack.at(-1); frame; frame = stack.at(-1)) {
      const below = (inside.get(frame.target) ?? []).filter((reference) => targets.has(reference));
      const reference = below[frame.next];
      if (reference) {
        frame.next++;
        const target = targets.get(reference) ?? 0;
        if (active.has(target)) cyclic.add(reference);
        else if (!reach.has(target)) {
          active.add(target);
          stack.push({ target, next: 0 });
        }
        continue;
      }
      const { depth, deepest } = visited[frame.target] ?? { depth: 0, deepest: 0 };
      let most = deepest - depth;
      for (const reference of below) {
        const target = targets.get(reference);
        if (target === undefined || cyclic.has(reference)) continue;
        most = Math.max(most, reference.depth - depth + (reach.get(target) ?? 0));
      }
      reach.set(frame.target, most);
      active.delete(frame.target);
      stack.pop();
    }
  };
  for (const target of targets.values()) if (!reach.has(target)) visit(target);
  for (const [reference, target] of targets) {
    if (cyclic.has(reference)) {
      problems.push({
        pointer: reference.pointer,
        message: `${reference.target} refers back to itself: recursive schemas are not supported`,
      });
      continue;
    }
    const depth = reference.depth + (reach.get(target) ?? 0);
    if (depth > limits.maxDepth)
      problems.push({
        pointer: reference.pointer,
        message: `nested ${depth} levels deep through ${reference.target}, at most ${limits.maxDepth} are supported`,
      });
  }
  return problems;
}
