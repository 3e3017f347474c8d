// Local checks of a generative operator before anything is sent: Twilio's documented limits on
// json_result_schema, and training examples against that schema. Pure functions that return
// EVERY problem (with JSON pointers and example numbers), so one error line can list them all.
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { createRequire } from 'node:module';
import { checkSchemaLimits } from '../schema/limits.js';
import { linearRegExpEngine } from '../schema/regex.js';
import { messageOf } from './thrown.js';

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
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** ajv (CommonJS, 65 files) loads with the first schema checked: `ci diff` of a file without one never pays for it. */
const ajvModule = () => createRequire(import.meta.url)('ajv') as typeof import('ajv');

function newAjv(): Ajv {
  // strict:false: the limits are ours to report, with pointers; ajv checks the rest. Patterns go
  // through the linear-time matcher, so no example can stall a check.
  const { Ajv } = ajvModule();
  return new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { regExp: linearRegExpEngine } });
}

/** The schema's breaches of Twilio's limits, worded "schema <pointer>: …". */
function limitProblems(schema: unknown, generation: 'classic' | 'v3'): string[] {
  return checkSchemaLimits(schema, generation).map(({ pointer, message }) => `schema${pointer ? ` ${pointer}` : ''}: ${message}`);
}

/** Problems of a result schema (v2's json_result_schema, v3's outputSchema), each prefixed "schema <pointer>". */
export function resultSchemaProblems(schema: unknown, generation: 'classic' | 'v3' = 'classic'): string[] {
  if (!isObject(schema)) return ['schema: the root must be a JSON object'];
  const problems: string[] = [];
  if (schema.type !== 'object') problems.push(`schema: the root "type" must be "object" (got ${JSON.stringify(schema.type ?? null)})`);
  if (!isObject(schema.properties)) problems.push('schema: the root must have "properties"');

  const limits = limitProblems(schema, generation);
  problems.push(...limits);
  // A schema past the limits is not compiled at all: its size and depth are what is wrong with it.
  return limits.length ? problems : [...problems, ...metaSchemaProblems(schema, problems)];
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

/**
 * Problems of training examples, numbered from 1 as the user wrote them. For a JSON operator
 * every output must parse as JSON and validate against the schema (when the schema compiles at
 * all; resultSchemaProblems reports it otherwise).
 */
export function exampleProblems(examples: TrainingExample[], schema: unknown, generation: 'classic' | 'v3' = 'classic'): string[] {
  const problems: string[] = [];
  const validate = schema === undefined || limitProblems(schema, generation).length ? undefined : compiled(schema);
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
      problems.push(`${name}: the output is not JSON (${messageOf(error)})`);
      return;
    }
    if (validate && !validate(output)) {
      for (const error of validate.errors ?? []) problems.push(`${name}: output ${error.instancePath || '/'} ${describe(error)}`);
    }
  });
  return problems;
}

/**
 * A checker of values against a result schema, compiled once: where a value breaks it ("/category must be
 * string"), [] when it keeps it (or the schema does not compile, which resultSchemaProblems reports).
 */
export function resultChecker(schema: unknown): (value: unknown) => string[] {
  const validate = compiled(schema);
  return (value) =>
    !validate || validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${describe(error)}`);
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
