// The account's custom operators: stored in the `operators` collection, Config checked against
// the Operator Type's config_schema with the emulator's own ajv (it shares no code with the CLI,
// so a CLI that skips its local validation is still caught here).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parseJson } from '../../schema/json.js';
import { checkSchemaLimits } from '../../schema/limits.js';
import { badRequest } from '../errors.js';
import type { Store, Collection } from '../store.js';
import { findOperatorType, type OperatorTypeDefinition } from './operator-types.js';
import type { OperatorRecord } from './record.js';

export const CUSTOM_OPERATORS = 'operators';

export function customOperatorsOf(store: Store): Collection<OperatorRecord> {
  return store.collection<OperatorRecord>(CUSTOM_OPERATORS);
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();

/** A configurable Operator Type by name, or 400. */
export function configurableType(name: string): OperatorTypeDefinition {
  const type = findOperatorType(name);
  if (!type) throw badRequest(`Invalid OperatorType '${name}': no such Operator Type`);
  if (!type.record.configurable) throw badRequest(`Operator Type '${name}' is not configurable: custom operators cannot use it`);
  return type;
}

/** Parses the Config form value and checks it against the type's config_schema; 400 names every bad field. */
export function parseConfig(raw: string, type: OperatorTypeDefinition): Record<string, unknown> {
  const parsed = parseJson(raw);
  if (!parsed.ok) throw badRequest('Invalid Config: not valid JSON');
  const config = parsed.value;
  const { name, config_schema: schema } = type.record;
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.compile(schema ?? {});
    validators.set(name, validate);
  }
  if (!validate(config)) {
    throw badRequest(`Invalid Config for Operator Type ${name}: ${(validate.errors ?? []).map(describeError).join('; ')}`);
  }
  const result = config as Record<string, unknown>;
  if (result.json_result_schema !== undefined) assertSchemaLimits(result.json_result_schema);
  return result;
}

/** Twilio's limits on json_result_schema, checked before the engine ever compiles it. */
function assertSchemaLimits(schema: unknown): void {
  const problems = checkSchemaLimits(schema, 'classic');
  if (problems.length)
    throw badRequest(`Invalid json_result_schema: ${problems.map(({ pointer, message }) => `${pointer || '/'} ${message}`).join('; ')}`);
}

function describeError(error: ErrorObject): string {
  const field = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    return `${field} has unknown field '${String(error.params.additionalProperty)}'`;
  }
  if (error.keyword === 'required') return `${field} is missing required field '${String(error.params.missingProperty)}'`;
  return `${field} ${error.message ?? 'is invalid'}`;
}

/** Labels (classifiers) and phrases (phrase matchers) that a custom operator's results use. */
export function resultVocabulary(config: Record<string, unknown>): { labels: string[]; phrases: string[] } {
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []);
  return { labels: strings(config.labels), phrases: strings(config.phrases) };
}
