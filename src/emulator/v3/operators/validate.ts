// A Language Operator body (create and PUT take the same one) checked against the spec and its limits.
import { Ajv } from 'ajv';
import {
  allowOnly,
  fieldPath,
  isObject,
  optionalArray,
  optionalBoolean,
  optionalObject,
  optionalString,
  requireObject,
  requiredString,
  type JsonObject,
} from '../body.js';
import { invalidField } from '../errors.js';
import { LIMITS, outputSchemaViolation } from '../limits.js';
import {
  OUTPUT_FORMATS,
  PARAMETER_TYPES,
  type OperatorContextFlags,
  type OperatorDefinition,
  type ParameterDefinition,
  type ParameterType,
  type TrainingExample,
} from './records.js';

const FIELDS = ['displayName', 'description', 'prompt', 'outputFormat', 'outputSchema', 'trainingExamples', 'context', 'parameters'];
/** Read-only fields a client may echo back from a fetched operator; they are ignored. */
const READ_ONLY = ['id', 'version', 'author'];

const ajv = new Ajv({ strict: false });

export function readOperatorDefinition(body: unknown): OperatorDefinition {
  const object = requireObject(body, '');
  allowOnly(object, '', [...FIELDS, ...READ_ONLY]);
  const outputFormat = requiredString(object, 'outputFormat', '', { oneOf: OUTPUT_FORMATS });
  const parameters = readParameters(optionalObject(object, 'parameters', ''));
  const prompt = requiredString(object, 'prompt', '');
  checkPromptParameters(prompt, parameters);
  const outputSchema = readOutputSchema(object, outputFormat);
  return {
    displayName: requiredString(object, 'displayName', '', { maxLength: LIMITS.displayNameLength }),
    ...optionalField('description', optionalString(object, 'description', '')),
    prompt,
    outputFormat: OUTPUT_FORMATS.find((format) => format === outputFormat) ?? 'TEXT',
    ...optionalField('outputSchema', outputSchema),
    trainingExamples: readTrainingExamples(object, outputFormat, outputSchema),
    context: readContext(optionalObject(object, 'context', '')),
    parameters,
  };
}

function optionalField<K extends string, V>(name: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [name]: value } as Record<K, V>);
}

/** JSON needs a schema that keeps the limits; CLASSIFICATION may have one (its labels); TEXT has none. */
function readOutputSchema(object: JsonObject, outputFormat: string): JsonObject | undefined {
  const schema = optionalObject(object, 'outputSchema', '');
  if (outputFormat === 'JSON') {
    if (!schema) throw invalidField('outputSchema', 'is required when outputFormat is JSON');
    const violation = outputSchemaViolation(schema);
    if (violation) throw invalidField(fieldPath('outputSchema', violation.path), violation.problem);
  }
  if (outputFormat === 'TEXT' && schema) throw invalidField('outputSchema', 'is only for JSON and CLASSIFICATION operators');
  return schema;
}

function readTrainingExamples(object: JsonObject, outputFormat: string, schema: JsonObject | undefined): TrainingExample[] {
  const examples = optionalArray(object, 'trainingExamples', '') ?? [];
  return examples.map((raw, index) => {
    const path = fieldPath('trainingExamples', index);
    const example = requireObject(raw, path);
    allowOnly(example, path, ['input', 'output']);
    const input = requiredString(example, 'input', path);
    const output = requiredString(example, 'output', path);
    if (outputFormat === 'JSON' && schema) checkJsonExample(output, schema, fieldPath(path, 'output'));
    return { input, output };
  });
}

/** A JSON operator's example output must be what the operator could return: a JSON object valid against the schema. */
function checkJsonExample(output: string, schema: JsonObject, path: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    throw invalidField(path, 'is not valid JSON');
  }
  if (!isObject(parsed)) throw invalidField(path, 'must be a JSON object');
  if (!ajv.validate(schema, parsed)) throw invalidField(path, `does not match outputSchema: ${ajv.errorsText(ajv.errors)}`);
}

function readContext(context: JsonObject | undefined): OperatorContextFlags {
  const flag = (name: 'memory' | 'knowledge') => {
    const path = fieldPath('context', name);
    const inner = context ? optionalObject(context, name, 'context') : undefined;
    if (inner) allowOnly(inner, path, ['enabled']);
    return { enabled: (inner && optionalBoolean(inner, 'enabled', path)) ?? false };
  };
  if (context) allowOnly(context, 'context', ['memory', 'knowledge']);
  return { memory: flag('memory'), knowledge: flag('knowledge') };
}

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function readParameters(parameters: JsonObject | undefined): Record<string, ParameterDefinition> {
  const result: Record<string, ParameterDefinition> = {};
  for (const [name, raw] of Object.entries(parameters ?? {})) {
    const path = fieldPath('parameters', name);
    if (!PARAMETER_NAME.test(name)) throw invalidField(path, 'a parameter name is letters, digits and _');
    const parameter = requireObject(raw, path);
    allowOnly(parameter, path, ['type', 'default', 'required', 'description']);
    const typeName = requiredString(parameter, 'type', path, { oneOf: PARAMETER_TYPES });
    const type = PARAMETER_TYPES.find((candidate) => candidate === typeName) ?? 'STRING';
    const definition: ParameterDefinition = { type };
    if (parameter.default !== undefined) {
      if (type === 'KNOWLEDGE_BASE_AND_SOURCE_IDS') throw invalidField(fieldPath(path, 'default'), `${type} parameters take no default`);
      if (!matchesParameterType(type, parameter.default)) throw invalidField(fieldPath(path, 'default'), `is not a ${type}`);
      definition.default = parameter.default;
    }
    const required = optionalBoolean(parameter, 'required', path);
    if (required !== undefined) definition.required = required;
    const description = optionalString(parameter, 'description', path);
    if (description !== undefined) definition.description = description;
    result[name] = definition;
  }
  return result;
}

/** `{{parameters.name}}` placeholders in a prompt (spaces inside the braces allowed). */
export const PLACEHOLDER = /\{\{\s*parameters\.([A-Za-z0-9_]+)\s*\}\}/g;

function checkPromptParameters(prompt: string, parameters: Record<string, ParameterDefinition>): void {
  for (const [, name = ''] of prompt.matchAll(PLACEHOLDER)) {
    if (!(name in parameters)) throw invalidField('prompt', `refers to {{parameters.${name}}}, which parameters does not declare`);
  }
}

export function matchesParameterType(type: ParameterType, value: unknown): boolean {
  switch (type) {
    case 'STRING':
      return typeof value === 'string';
    case 'INTEGER':
      return typeof value === 'number' && Number.isInteger(value);
    case 'NUMBER':
      return typeof value === 'number';
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'KNOWLEDGE_BASE_AND_SOURCE_IDS':
      return typeof value === 'string' && /^[^:]+:[^:]+$/.test(value);
  }
}
