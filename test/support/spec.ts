// Validates emulator exchanges against Twilio's OpenAPI descriptions of Intelligence v2 and v3
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
  responses: Record<string, { content?: Record<string, { schema: Schema }>; headers?: Record<string, { schema: Schema }> }>;
}

interface PathTemplate {
  template: string;
  regex: RegExp;
  literalCount: number;
  operations: Record<string, Operation>;
}

/** One OpenAPI document: the paths it owns, and how its errors look. */
interface SpecDocument {
  id: string;
  prefix: string;
  spec: { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Schema> } };
  templates: PathTemplate[];
  /** v2 documents no error responses and Twilio sends {code, message, more_info, status}; v3 documents them. */
  generation: 'classic' | 'v3';
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

// strict:false so OpenAPI-only keywords (example, x-twilio, …) are ignored; `nullable` is understood by ajv.
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && Math.abs(value) < 2 ** 31 });
ajv.addFormat('uri-map', true); // Twilio's name for an object whose values are URLs

const DOCUMENTS: SpecDocument[] = [
  load('twilio_intelligence_v2.json', 'intelligence-v2', '/v2/', 'classic'),
  load('twilio_intelligence_v3.json', 'intelligence-v3', '/v3/', 'v3'),
];

function load(file: string, id: string, prefix: string, generation: SpecDocument['generation']): SpecDocument {
  const spec = JSON.parse(readFileSync(new URL(`../../.cache/twilio-oai/${file}`, import.meta.url), 'utf8')) as SpecDocument['spec'];
  dropUntypedNullable(spec);
  resolveDiscriminators(spec);
  // The whole document is one schema, so `#/components/schemas/…` refs resolve where they are.
  ajv.addSchema(spec, id);
  const templates = Object.entries(spec.paths)
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
  return { id, prefix, spec, templates, generation };
}

const validators = new Map<string, ValidateFunction>();

/** A validator for the schema at `pointer` inside a document (JSON pointer, compiled once). */
function validatorAt(document: SpecDocument, pointer: string[]): ValidateFunction {
  const ref = `${document.id}#/${pointer.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
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
  // Emulator-only paths such as /emulator/stats belong to no document.
  const document = DOCUMENTS.find((candidate) => exchange.path.startsWith(candidate.prefix));
  if (!document) return [];
  const path = document.templates.find((candidate) => candidate.regex.test(exchange.path));
  const operation = path?.operations[exchange.method];
  if (!path || !operation) {
    // The client asked for something Twilio does not have: fine if the emulator said so.
    return exchange.status >= 400
      ? errorBodyViolations(document, exchange.body)
      : [`${exchange.method} ${exchange.path} is not in the spec but was answered ${exchange.status}`];
  }
  const context = { document, operation, exchange, pointer: ['paths', path.template, exchange.method.toLowerCase()] };
  return [...queryViolations(context), ...formViolations(context), ...jsonViolations(context), ...responseViolations(context)];
}

interface Context {
  document: SpecDocument;
  operation: Operation;
  exchange: Exchange;
  pointer: string[];
}

function queryViolations({ document, operation, exchange, pointer }: Context): string[] {
  // v3: a query the emulator refused is the test's deliberate mistake (see jsonViolations).
  if (document.generation === 'v3' && exchange.status >= 300) return [];
  const parameters = operation.parameters ?? [];
  const violations: string[] = [];
  for (const [name, raw] of Object.entries(exchange.query)) {
    const index = parameters.findIndex((parameter) => parameter.in === 'query' && parameter.name === name);
    const schema = parameters[index]?.schema;
    if (!schema) {
      violations.push(`query parameter ${name} is not defined for this operation`);
      continue;
    }
    const validate = validatorAt(document, [...pointer, 'parameters', String(index), 'schema']);
    violations.push(...errorsOf(validate, coerce(document, raw, schema), `query parameter ${name}`));
  }
  return violations;
}

function formViolations({ document, operation, exchange, pointer }: Context): string[] {
  const names = Object.keys(exchange.form);
  // A v3 operation takes JSON only: a form body is the client's mistake, and the emulator's 415 says so.
  if (document.generation === 'v3')
    return names.length > 0 && exchange.status !== 415 ? ['a form body was accepted by a JSON-only operation'] : [];
  const formSchema = operation.requestBody?.content['application/x-www-form-urlencoded']?.schema;
  if (!formSchema) return names.length > 0 ? [`form body (${names.join(', ')}) not accepted by this operation`] : [];

  const properties = (formSchema.properties ?? {}) as Record<string, Schema>;
  const required = (formSchema.required ?? []) as string[];
  const violations = required.filter((name) => !(name in exchange.form)).map((name) => `form parameter ${name} is required`);
  for (const [name, value] of Object.entries(exchange.form)) {
    const property = properties[name];
    if (!property) {
      violations.push(`form parameter ${name} is not defined for this operation`);
      continue;
    }
    const schemaPointer = [...pointer, 'requestBody', 'content', 'application/x-www-form-urlencoded', 'schema', 'properties', name];
    violations.push(...errorsOf(validatorAt(document, schemaPointer), coerce(document, value, property), `form parameter ${name}`));
  }
  return violations;
}

/**
 * A JSON body the emulator accepted (2xx) must be one the spec allows: an emulator more lenient than
 * Twilio would hide client bugs. Bodies it refused are the test's deliberate mistakes.
 */
function jsonViolations({ document, operation, exchange, pointer }: Context): string[] {
  if (exchange.status >= 300) return [];
  const jsonSchema = operation.requestBody?.content['application/json'];
  if (!jsonSchema) return exchange.json === undefined ? [] : ['a JSON body was accepted by an operation that takes none'];
  if (exchange.json === undefined) return [];
  return errorsOf(
    validatorAt(document, [...pointer, 'requestBody', 'content', 'application/json', 'schema']),
    exchange.json,
    'request body',
  );
}

function responseViolations({ document, operation, exchange, pointer }: Context): string[] {
  const response = operation.responses[String(exchange.status)];
  if (exchange.status >= 400 && (document.generation === 'classic' || !response)) return errorBodyViolations(document, exchange.body);
  if (!response) {
    return [`status ${exchange.status} is not a documented response (${Object.keys(operation.responses).join(', ')})`];
  }
  const headers =
    document.generation === 'v3'
      ? headerViolations(document, exchange, [...pointer, 'responses', String(exchange.status)], response.headers)
      : [];
  if (!response.content) return exchange.body === undefined ? headers : [...headers, `status ${exchange.status} must have no body`];
  const schemaPointer = [...pointer, 'responses', String(exchange.status), 'content', 'application/json', 'schema'];
  return [...headers, ...errorsOf(validatorAt(document, schemaPointer), exchange.body, 'response body')];
}

/** v3 declares few response headers (ETag, X-RateLimit-*); each must be sent and match its schema. */
function headerViolations(
  document: SpecDocument,
  exchange: Exchange,
  pointer: string[],
  declared: Record<string, { schema: Schema }> = {},
): string[] {
  const sent = Object.fromEntries(Object.entries(exchange.responseHeaders).map(([name, value]) => [name.toLowerCase(), value]));
  return Object.entries(declared).flatMap(([name, { schema }]) => {
    const value = sent[name.toLowerCase()];
    if (value === undefined) return [`response header ${name} is declared but was not sent`];
    return errorsOf(
      validatorAt(document, [...pointer, 'headers', name, 'schema']),
      coerce(document, value, schema),
      `response header ${name}`,
    );
  });
}

/** v2: the spec lists no error responses, Twilio's body is {code, message, more_info, status}. v3: its own error body. */
function errorBodyViolations(document: SpecDocument, body: unknown): string[] {
  const error = body as Record<string, unknown> | undefined;
  const fields =
    document.generation === 'v3'
      ? { code: 'number', message: 'string', httpStatusCode: 'number', userError: 'boolean', params: 'object' }
      : { code: 'number', message: 'string', more_info: 'string', status: 'number' };
  if (typeof error !== 'object' || error === null) return ['error response has no Twilio error body'];
  return Object.entries(fields)
    .filter(([name, type]) => typeof error[name] !== type)
    .map(([name, type]) => `error body field ${name} must be a ${type}`);
}

/** Form, query and header values are strings on the wire; turn them into what the schema describes. */
function coerce(document: SpecDocument, raw: string | string[], schema: Schema): unknown {
  const type = typeOf(document, schema);
  if (type === 'array') return (Array.isArray(raw) ? raw : [raw]).map((one) => coerce(document, one, (schema.items ?? {}) as Schema));
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

/**
 * v3's OperatorResult is a `oneOf` that only its discriminator (`outputFormat` → TextResult, JSONResult, …)
 * makes unambiguous: a TEXT result also matches JSONResult's free-form `result`. ajv cannot use a discriminator
 * with a `mapping`, so each is rewritten as "if outputFormat is X then the mapped schema".
 */
function resolveDiscriminators(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const object = node as Schema;
  const discriminator = object.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  if (discriminator?.mapping && Array.isArray(object.oneOf)) {
    const property = discriminator.propertyName;
    object.allOf = [
      { required: [property], properties: { [property]: { enum: Object.keys(discriminator.mapping) } } },
      ...Object.entries(discriminator.mapping).map(([value, ref]) => ({
        if: { properties: { [property]: { const: value } } },
        then: { $ref: ref },
      })),
    ];
    delete object.oneOf;
    delete object.discriminator;
  }
  for (const child of Object.values(object)) resolveDiscriminators(child);
}

function typeOf(document: SpecDocument, schema: Schema): unknown {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() as string;
    return typeOf(document, document.spec.components.schemas[name] ?? {});
  }
  return schema.type;
}
