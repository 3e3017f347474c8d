// Local checks of a generative operator before anything is sent: Twilio's documented limits on
// json_result_schema, and training examples against that schema. Pure functions that return
// EVERY problem (with JSON pointers and example numbers), so one error line can list them all.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

export interface TrainingExample {
  input: string;
  output: string;
}

export interface GenerativeDefinition {
  friendlyName: string;
  prompt: string;
  /** Present for a GenerativeJSON operator: the parsed json_result_schema. */
  schema?: unknown;
  examples: TrainingExample[];
}

export const FRIENDLY_NAME_MAX = 64;
export const MAX_PROPERTIES = 100;
export const MAX_NESTING = 5;
export const MAX_ENUM_VALUES = 500;

const SUPPORTED_TYPES = new Set(['string', 'number', 'boolean', 'integer', 'object', 'array', 'null']);
/** Keywords Twilio documents as unsupported in json_result_schema. */
const UNSUPPORTED_KEYWORDS = new Set([
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

type Json = Record<string, unknown>;

/** The limits a generation puts on an output schema (v2's json_result_schema, v3's outputSchema). */
export interface SchemaLimits {
  properties: number;
  nesting: number;
  enumValues: number;
  unsupported: ReadonlySet<string>;
}

export const V2_SCHEMA_LIMITS: SchemaLimits = {
  properties: MAX_PROPERTIES,
  nesting: MAX_NESTING,
  enumValues: MAX_ENUM_VALUES,
  unsupported: UNSUPPORTED_KEYWORDS,
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 6901: `~` and `/` inside a key are escaped. */
const pointer = (parent: string, key: string | number) => `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

function newAjv(): Ajv {
  // strict:false: the limits below are ours to report, with pointers; ajv checks the rest.
  return new Ajv({ allErrors: true, strict: false, validateFormats: false });
}

/** Problems of a json_result_schema, each prefixed "schema <pointer>". */
export function resultSchemaProblems(schema: unknown, limits: SchemaLimits = V2_SCHEMA_LIMITS): string[] {
  if (!isObject(schema)) return ['schema: the root must be a JSON object'];
  const problems: string[] = [];
  if (schema.type !== 'object') problems.push(`schema: the root "type" must be "object" (got ${JSON.stringify(schema.type ?? null)})`);
  if (!isObject(schema.properties)) problems.push('schema: the root must have "properties"');

  const counts = { properties: 0, enumValues: 0 };
  walk(schema, '', 0, { problems, counts, limits });
  if (counts.properties > limits.properties)
    problems.push(`schema: ${counts.properties} properties, at most ${limits.properties} are supported`);
  if (counts.enumValues > limits.enumValues)
    problems.push(`schema: ${counts.enumValues} enum values in total, at most ${limits.enumValues} are supported`);
  return [...problems, ...metaSchemaProblems(schema, problems)];
}

/** What else makes it an invalid JSON Schema: one problem per place, unless a limit above already named it. */
function metaSchemaProblems(schema: Json, known: string[]): string[] {
  const ajv = newAjv();
  if (ajv.validateSchema(schema)) return [];
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const error of ajv.errors ?? []) {
    const at = error.instancePath || '/';
    if (seen.has(at) || known.some((problem) => problem.startsWith(`schema ${at}:`))) continue;
    seen.add(at);
    problems.push(`schema ${at}: not a valid JSON Schema (${error.message ?? 'invalid'})`);
  }
  return problems;
}

interface Walk {
  problems: string[];
  counts: { properties: number; enumValues: number };
  limits: SchemaLimits;
}

/** `depth` counts object levels: the root's properties are at depth 1. */
function walk(node: Json, at: string, depth: number, state: Walk): void {
  const { problems, counts, limits } = state;
  for (const key of Object.keys(node)) {
    if (limits.unsupported.has(key)) problems.push(`schema ${pointer(at, key)}: keyword "${key}" is not supported`);
  }
  const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  for (const type of types) {
    if (typeof type !== 'string' || !SUPPORTED_TYPES.has(type))
      problems.push(`schema ${pointer(at, 'type')}: type ${JSON.stringify(type)} is not supported`);
  }
  if (Array.isArray(node.enum)) counts.enumValues += node.enum.length;

  if (isObject(node.properties)) {
    if (depth + 1 > limits.nesting) {
      problems.push(`schema ${pointer(at, 'properties')}: nested ${depth + 1} levels deep, at most ${limits.nesting} are supported`);
      return; // everything below is deeper still: one problem says it
    }
    for (const [name, child] of Object.entries(node.properties)) {
      counts.properties++;
      if (isObject(child)) walk(child, pointer(pointer(at, 'properties'), name), depth + 1, state);
    }
  }
  // An array's items and the branches of anyOf sit at the level of the node that holds them.
  if (isObject(node.items)) walk(node.items, pointer(at, 'items'), depth, state);
  for (const keyword of ['anyOf', 'allOf', 'oneOf'] as const) {
    const branches = node[keyword];
    if (Array.isArray(branches))
      branches.forEach((branch, index) => isObject(branch) && walk(branch, pointer(pointer(at, keyword), index), depth, state));
  }
  for (const keyword of ['$defs', 'definitions'] as const) {
    const definitions = node[keyword];
    if (isObject(definitions)) {
      for (const [name, child] of Object.entries(definitions))
        if (isObject(child)) walk(child, pointer(pointer(at, keyword), name), depth, state);
    }
  }
}

/**
 * Problems of training examples, numbered from 1 as the user wrote them. For a JSON operator
 * every output must parse as JSON and validate against the schema (when the schema compiles at
 * all; resultSchemaProblems reports it otherwise).
 */
export function exampleProblems(examples: TrainingExample[], schema: unknown): string[] {
  const problems: string[] = [];
  const validate = schema === undefined ? undefined : compiled(schema);
  examples.forEach((example, index) => {
    const name = `example ${index + 1}`;
    if (!example.input.trim()) problems.push(`${name}: the input is empty`);
    if (!example.output.trim()) {
      problems.push(`${name}: the output is empty`);
      return;
    }
    if (schema === undefined) return;
    let output: unknown;
    try {
      output = JSON.parse(example.output);
    } catch (error) {
      problems.push(`${name}: the output is not JSON (${(error as Error).message})`);
      return;
    }
    if (validate && !validate(output)) {
      for (const error of validate.errors ?? []) problems.push(`${name}: output ${error.instancePath || '/'} ${describe(error)}`);
    }
  });
  return problems;
}

function compiled(schema: unknown): ValidateFunction | undefined {
  if (!isObject(schema)) return undefined;
  try {
    return newAjv().compile(schema);
  } catch {
    return undefined;
  }
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `has unexpected property "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `must be one of ${JSON.stringify(error.params.allowedValues)}`;
  return error.message ?? 'is invalid';
}

/** Everything wrong with a generative operator definition; [] when it can be sent. */
export function definitionProblems(definition: GenerativeDefinition): string[] {
  const problems: string[] = [];
  if (!definition.friendlyName.trim()) problems.push('the name is empty');
  if (definition.friendlyName.length > FRIENDLY_NAME_MAX) {
    problems.push(`the name is ${definition.friendlyName.length} characters, at most ${FRIENDLY_NAME_MAX} are allowed`);
  }
  if (!definition.prompt.trim()) problems.push('the prompt is empty');
  if (definition.schema !== undefined) problems.push(...resultSchemaProblems(definition.schema));
  problems.push(...exampleProblems(definition.examples, definition.schema));
  return problems;
}

/** The operator's Config as Twilio takes it. */
export function configOf(definition: GenerativeDefinition): Json {
  return {
    prompt: definition.prompt,
    ...(definition.schema === undefined ? {} : { json_result_schema: definition.schema }),
    ...(definition.examples.length ? { examples: definition.examples } : {}),
  };
}
