// A v3 Language Operator as the user describes it (flags, files), checked locally against the v3 rules
// before anything is sent: declared parameters, `{{parameters.x}}` in the prompt, the output schema's
// v3 limits, training examples against the schema. Every problem is collected, for one error line.
import { UsageError } from '../errors.js';
import { PARAMETER_TYPES, type OutputFormat, type ParameterType } from './names.js';
import { exampleProblems, resultSchemaProblems, type TrainingExample } from '../operator-schema.js';

export const DISPLAY_NAME_MAX = 128;

/**
 * The v3 spec's output-schema limits (100 properties, 10 levels, 1000 enum values, its unsupported keywords).
 * A local check until the shared `src/schema/limits.ts` lands; it reuses the v2 walker with v3's numbers.
 */
export interface OperatorParameter {
  type: ParameterType;
  default?: string | number | boolean;
  required?: boolean;
}

export interface OperatorDefinition {
  displayName: string;
  description: string;
  prompt: string;
  outputFormat: OutputFormat;
  outputSchema?: Record<string, unknown>;
  trainingExamples: TrainingExample[];
  parameters: Record<string, OperatorParameter>;
  context: { memory: { enabled: boolean }; knowledge: { enabled: boolean } };
}

const PARAMETER = /^([A-Za-z0-9_]+):([A-Za-z_]+)(?:=(.*?))?(!)?$/;

/** `name:TYPE[=default][!]`, `!` meaning required; the default is typed as TYPE says. */
export function parseParameter(spec: string): [string, OperatorParameter] {
  const match = PARAMETER.exec(spec.trim());
  const [, name = '', rawType = '', rawDefault, bang] = match ?? [];
  const type = PARAMETER_TYPES.find((known) => known === rawType.toUpperCase());
  if (!match || !type) {
    throw new UsageError(`--parameter "${spec}": expected name:TYPE[=default][!] with TYPE one of ${PARAMETER_TYPES.join(', ')}`);
  }
  const parameter: OperatorParameter = { type, ...(bang ? { required: true } : {}) };
  if (rawDefault !== undefined) parameter.default = typedDefault(spec, type, rawDefault);
  return [name, parameter];
}

function typedDefault(spec: string, type: ParameterType, value: string): string | number | boolean {
  const wrong = (what: string) => new UsageError(`--parameter "${spec}": the default "${value}" is not ${what}`);
  switch (type) {
    case 'INTEGER':
      if (!/^-?\d+$/.test(value)) throw wrong('an integer');
      return Number(value);
    case 'NUMBER':
      if (value.trim() === '' || !Number.isFinite(Number(value))) throw wrong('a number');
      return Number(value);
    case 'BOOLEAN':
      if (value !== 'true' && value !== 'false') throw wrong('true or false');
      return value === 'true';
    case 'KNOWLEDGE_BASE_AND_SOURCE_IDS':
      throw new UsageError(`--parameter "${spec}": a KNOWLEDGE_BASE_AND_SOURCE_IDS parameter takes no default`);
    case 'STRING':
      return value;
  }
}

/** `{{parameters.name}}` placeholders (spaces inside the braces allowed), as Twilio reads them. */
const PLACEHOLDER = /\{\{\s*parameters\.([A-Za-z0-9_]+)\s*\}\}/g;

/** Everything wrong with a definition; [] when it can be sent. */
export function operatorProblems(definition: OperatorDefinition): string[] {
  const problems: string[] = [];
  const { displayName, prompt, outputFormat, outputSchema, parameters } = definition;
  if (!displayName.trim()) problems.push('the display name is empty');
  if (displayName.length > DISPLAY_NAME_MAX)
    problems.push(`the display name is ${displayName.length} characters, at most ${DISPLAY_NAME_MAX} are allowed`);
  if (!prompt.trim()) problems.push('the prompt is empty');
  for (const [, name = ''] of prompt.matchAll(PLACEHOLDER)) {
    if (!(name in parameters)) problems.push(`the prompt uses {{parameters.${name}}}, which no --parameter declares`);
  }
  if (outputFormat === 'JSON' && outputSchema === undefined) problems.push('a JSON operator needs an output schema (--schema)');
  if (outputFormat !== 'JSON' && outputFormat !== 'CLASSIFICATION' && outputSchema !== undefined)
    problems.push(`a ${outputFormat} operator takes no output schema`);
  // A CLASSIFICATION schema only lists labels; the v3 limits are about JSON results.
  if (outputFormat === 'JSON' && outputSchema !== undefined) problems.push(...resultSchemaProblems(outputSchema, 'v3'));
  problems.push(...exampleProblems(definition.trainingExamples, outputFormat === 'JSON' ? outputSchema : undefined, 'v3'));
  return problems;
}
