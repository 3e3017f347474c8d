// Validates emulator exchanges against Twilio's OpenAPI description of Intelligence v2
// (cached by scripts/fetch-spec.mjs). Violations are plain strings so tests can print them.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Exchange } from '../../src/emulator/index.js';

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface PathTemplate {
  template: string;
  regex: RegExp;
  literalCount: number;
  operations: Record<string, Operation>;
}

const SPEC_FILE = new URL('../../.cache/twilio-oai/twilio_intelligence_v2.json', import.meta.url);
const SPEC_ID = 'intelligence-v2';
const METHODS = ['get', 'post', 'delete'];

const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
dropUntypedNullable(spec);

// strict:false so OpenAPI-only keywords (example, x-twilio, …) are ignored; `nullable` is understood by ajv.
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
ajv.addFormat('uri-map', true); // Twilio's name for an object whose values are URLs
// The whole document is one schema, so `#/components/schemas/…` refs resolve where they are.
ajv.addSchema(spec, SPEC_ID);

const templates: PathTemplate[] = Object.entries(spec.paths)
  .map(([template, item]) => {
    const segments = template.split('/').slice(1);
    const operations: Record<string, Operation> = {};
    for (const method of METHODS) if (item[method]) operations[method.toUpperCase()] = item[method] as Operation;
    return {
      template,
      regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      literalCount: segments.filter((segment) => !segment.startsWith('{')).length,
      operations,
    };
  })
  // Literal segments beat parameters, e.g. /v2/Operators/Custom over /v2/Operators/{Sid}.
  .sort((a, b) => b.literalCount - a.literalCount);

const validators = new Map<string, ValidateFunction>();

/** A validator for the schema at `pointer` inside the spec (JSON pointer, compiled once). */
function validatorAt(pointer: string[]): ValidateFunction {
  const ref = `${SPEC_ID}#/${pointer.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  return validate;
}

function errorsOf(validate: ValidateFunction, value: unknown, where: string): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${where}${error.instancePath} ${error.message}`);
}

/** Violations of the spec by this exchange; empty when the request and response conform. */
export function validateExchange(exchange: Exchange): string[] {
  if (!exchange.path.startsWith('/v2/')) return []; // emulator-only paths such as /emulator/stats
  const path = templates.find((candidate) => candidate.regex.test(exchange.path));
  const operation = path?.operations[exchange.method];
  if (!path || !operation) {
    // The client asked for something Twilio does not have: fine if the emulator said so.
    return exchange.status >= 400
      ? errorBodyViolations(exchange.body)
      : [`${exchange.method} ${exchange.path} is not in the spec but was answered ${exchange.status}`];
  }
  const pointer = ['paths', path.template, exchange.method.toLowerCase()];
  // Refused before the body was read: there is no request to check.
  if (exchange.status === 401 || exchange.status === 413) return errorBodyViolations(exchange.body);
  return [
    ...queryViolations(operation, exchange, pointer),
    ...formViolations(operation, exchange, pointer),
    ...responseViolations(operation, exchange, pointer),
  ];
}

function queryViolations(operation: Operation, exchange: Exchange, pointer: string[]): string[] {
  const parameters = operation.parameters ?? [];
  const violations: string[] = [];
  for (const [name, raw] of Object.entries(exchange.query)) {
    const index = parameters.findIndex((parameter) => parameter.in === 'query' && parameter.name === name);
    if (index < 0) {
      violations.push(`query parameter ${name} is not defined for this operation`);
      continue;
    }
    const schema = parameters[index].schema;
    const validate = validatorAt([...pointer, 'parameters', String(index), 'schema']);
    violations.push(...errorsOf(validate, coerce(raw, schema), `query parameter ${name}`));
  }
  return violations;
}

function formViolations(operation: Operation, exchange: Exchange, pointer: string[]): string[] {
  const names = Object.keys(exchange.form);
  const formSchema = operation.requestBody?.content['application/x-www-form-urlencoded']?.schema;
  if (!formSchema) return names.length > 0 ? [`form body (${names.join(', ')}) not accepted by this operation`] : [];

  const properties = (formSchema.properties ?? {}) as Record<string, Schema>;
  const required = (formSchema.required ?? []) as string[];
  const violations = required.filter((name) => !(name in exchange.form)).map((name) => `form parameter ${name} is required`);
  for (const name of names) {
    if (!properties[name]) {
      violations.push(`form parameter ${name} is not defined for this operation`);
      continue;
    }
    const schemaPointer = [...pointer, 'requestBody', 'content', 'application/x-www-form-urlencoded', 'schema', 'properties', name];
    violations.push(...errorsOf(validatorAt(schemaPointer), coerce(exchange.form[name], properties[name]), `form parameter ${name}`));
  }
  return violations;
}

function responseViolations(operation: Operation, exchange: Exchange, pointer: string[]): string[] {
  if (exchange.status >= 400) return errorBodyViolations(exchange.body);
  const response = operation.responses[String(exchange.status)];
  if (!response) {
    return [`status ${exchange.status} is not a documented response (${Object.keys(operation.responses).join(', ')})`];
  }
  if (!response.content) return exchange.body === undefined ? [] : [`status ${exchange.status} must have no body`];
  const schemaPointer = [...pointer, 'responses', String(exchange.status), 'content', 'application/json', 'schema'];
  return errorsOf(validatorAt(schemaPointer), exchange.body, 'response body');
}

/** The spec lists no error responses; Twilio's error body is {code, message, more_info, status}. */
function errorBodyViolations(body: unknown): string[] {
  const error = body as Record<string, unknown> | undefined;
  const fields = { code: 'number', message: 'string', more_info: 'string', status: 'number' };
  if (typeof error !== 'object' || error === null) return ['error response has no Twilio error body'];
  return Object.entries(fields)
    .filter(([name, type]) => typeof error[name] !== type)
    .map(([name, type]) => `error body field ${name} must be a ${type}`);
}

/** Form and query values are strings on the wire; turn them into what the schema describes. */
function coerce(raw: string | string[], schema: Schema): unknown {
  const type = typeOf(schema);
  if (type === 'array') return (Array.isArray(raw) ? raw : [raw]).map((one) => coerce(one, (schema.items ?? {}) as Schema));
  if (Array.isArray(raw)) return raw; // repeated key for a scalar: fails the type check, as it should
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (type === 'object') {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

/**
 * Free-form properties (operator `config`, transcript `channel`, …) say `nullable` without a `type`;
 * they already accept null, and ajv refuses `nullable` without `type`, so the keyword is dropped.
 */
function dropUntypedNullable(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const object = node as Schema;
  if ('nullable' in object && !('type' in object)) delete object.nullable;
  for (const child of Object.values(object)) dropUntypedNullable(child);
}

function typeOf(schema: Schema): unknown {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() as string;
    const components = (spec as unknown as { components: { schemas: Record<string, Schema> } }).components;
    return typeOf(components.schemas[name] ?? {});
  }
  return schema.type;
}
