// Checks emulator exchanges against Twilio's OpenAPI descriptions (the files given: Intelligence
// v2, api.v2010, …): request parameters, status codes, bodies, headers and paging meta.
// Violations are plain strings so tests can print them.
import type { Exchange } from '../server.js';
import { headerViolations } from './headers.js';
import { pagingViolations } from './paging.js';
import { errorsOf } from './errors-of.js';
import { errorFieldsFor } from './voice.js';
import { SpecFile, type Operation, type PathTemplate, type Schema } from './spec-file.js';

export interface SpecChecker {
  /** Violations of the specs by this exchange; empty when the request and response conform. */
  validate(exchange: Exchange): string[];
}

/** Paths of the emulator's own (stats, call recordings, media files): in no Twilio spec. */
const EMULATOR_ONLY = '/emulator/';

export function createSpecChecker(files: readonly string[]): SpecChecker {
  const templates = files
    .flatMap((file) => new SpecFile(file).templates)
    // Literal segments beat parameters, e.g. /v2/Operators/Custom over /v2/Operators/{Sid}.
    .sort((a, b) => b.literalCount - a.literalCount);
  return { validate: (exchange) => validateExchange(templates, exchange) };
}

function validateExchange(templates: PathTemplate[], exchange: Exchange): string[] {
  if (exchange.path.startsWith(EMULATOR_ONLY)) return [];
  const path = templates.find((candidate) => candidate.regex.test(exchange.path));
  const operation = path?.operations[exchange.method];
  if (!path || !operation) {
    // The client asked for something Twilio does not have: fine if the emulator said so.
    return exchange.status >= 400
      ? [...errorBodyViolations(exchange.body, exchange.path), ...headerViolations(exchange, undefined)]
      : [`${exchange.method} ${exchange.path} is not in the spec but was answered ${exchange.status}`];
  }
  const pointer = ['paths', path.template, exchange.method.toLowerCase()];
  // Refused before the body was read (credentials, size): there is no request to check.
  const refusedUnread = exchange.status === 401 || exchange.status === 413;
  return [
    ...(refusedUnread ? [] : requestViolations(path, operation, exchange, pointer)),
    ...responseViolations(path, operation, exchange, pointer),
  ];
}

function requestViolations(path: PathTemplate, operation: Operation, exchange: Exchange, pointer: string[]): string[] {
  if (path.spec.json) return jsonRequestViolations(path, operation, exchange, pointer);
  return [...queryViolations(path, operation, exchange, pointer), ...formViolations(path, operation, exchange, pointer)];
}

/**
 * A JSON-only API: a form body is the client's mistake (the emulator's 415 says so), and a query or body the
 * emulator accepted (2xx) must be one the spec allows — one it refused is a test's deliberate mistake.
 */
function jsonRequestViolations(path: PathTemplate, operation: Operation, exchange: Exchange, pointer: string[]): string[] {
  if (Object.keys(exchange.form).length > 0 && exchange.status !== 415) return ['a form body was accepted by a JSON-only operation'];
  if (exchange.status >= 300) return [];
  const jsonSchema = operation.requestBody?.content['application/json'];
  const body = !jsonSchema
    ? exchange.json === undefined
      ? []
      : ['a JSON body was accepted by an operation that takes none']
    : exchange.json === undefined
      ? []
      : errorsOf(
          path.spec.validatorAt([...pointer, 'requestBody', 'content', 'application/json', 'schema']),
          exchange.json,
          'request body',
        );
  return [...queryViolations(path, operation, exchange, pointer), ...body];
}

function queryViolations(path: PathTemplate, operation: Operation, exchange: Exchange, pointer: string[]): string[] {
  const parameters = operation.parameters ?? [];
  const violations: string[] = [];
  for (const [name, raw] of Object.entries(exchange.query)) {
    const index = parameters.findIndex((parameter) => parameter.in === 'query' && parameter.name === name);
    const parameter = parameters[index];
    if (!parameter) {
      violations.push(`query parameter ${name} is not defined for this operation`);
      continue;
    }
    const validate = path.spec.validatorAt([...pointer, 'parameters', String(index), 'schema']);
    violations.push(...errorsOf(validate, path.spec.coerce(raw, parameter.schema), `query parameter ${name}`));
  }
  return violations;
}

function formViolations(path: PathTemplate, operation: Operation, exchange: Exchange, pointer: string[]): string[] {
  const names = Object.keys(exchange.form);
  const formSchema = operation.requestBody?.content['application/x-www-form-urlencoded']?.schema;
  if (!formSchema) return names.length > 0 ? [`form body (${names.join(', ')}) not accepted by this operation`] : [];

  const properties = (formSchema.properties ?? {}) as Record<string, Schema>;
  const required = (formSchema.required ?? []) as string[];
  const violations = required.filter((name) => !(name in exchange.form)).map((name) => `form parameter ${name} is required`);
  for (const name of names) {
    const property = properties[name];
    const raw = exchange.form[name];
    if (!property || raw === undefined) {
      violations.push(`form parameter ${name} is not defined for this operation`);
      continue;
    }
    const schemaPointer = [...pointer, 'requestBody', 'content', 'application/x-www-form-urlencoded', 'schema', 'properties', name];
    violations.push(...errorsOf(path.spec.validatorAt(schemaPointer), path.spec.coerce(raw, property), `form parameter ${name}`));
  }
  return violations;
}

function responseViolations(path: PathTemplate, operation: Operation, exchange: Exchange, pointer: string[]): string[] {
  const response = operation.responses[String(exchange.status)];
  if (exchange.status >= 400 && !response?.content) {
    return [...errorBodyViolations(exchange.body, exchange.path), ...headerViolations(exchange, undefined)];
  }
  if (!response) {
    return [`status ${exchange.status} is not a documented response (${Object.keys(operation.responses).join(', ')})`];
  }
  const responsePointer = [...pointer, 'responses', String(exchange.status)];
  const headers = headerViolations(exchange, { spec: path.spec, response, pointer: responsePointer });
  if (!response.content) return [...(exchange.body === undefined ? [] : [`status ${exchange.status} must have no body`]), ...headers];
  const validate = path.spec.validatorAt([...responsePointer, 'content', 'application/json', 'schema']);
  return [...errorsOf(validate, exchange.body, 'response body'), ...headers, ...pagingViolations(exchange)];
}

/** Twilio's error body is {code, message, more_info, status}; v3's {code, message, httpStatusCode, userError, params}; Voice v3's RFC 9457. */
function errorBodyViolations(body: unknown, path: string): string[] {
  if (typeof body !== 'object' || body === null) return ['error response has no Twilio error body'];
  const error = body as Record<string, unknown>;
  return Object.entries(errorFieldsFor(path))
    .filter(([name, type]) => typeof error[name] !== type)
    .map(([name, type]) => `error body field ${name} must be a ${type}`);
}
