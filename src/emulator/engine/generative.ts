import { Ajv } from 'ajv';
import { similarity } from './text.js';
import type { TrainingExample } from './types.js';

/** The training example whose input shares the most words with the conversation; none when nothing is shared. */
export function nearestExample(conversation: string, examples: TrainingExample[] = []): TrainingExample | undefined {
  let best: { example: TrainingExample; score: number } | undefined;
  for (const example of examples) {
    const score = similarity(conversation, example.input);
    if (score > 0 && (!best || score > best.score)) best = { example, score };
  }
  return best?.example;
}

const ajv = new Ajv({ strict: false });

/**
 * A GenerativeJSON answer: the nearest example's output when it parses and validates against the
 * schema, else a value built from the schema itself (defaults, first enum values, empty values).
 */
export function generateJson(conversation: string, schema: unknown, examples?: TrainingExample[]): Record<string, unknown> {
  const example = nearestExample(conversation, examples);
  if (example) {
    const parsed = parseJson(example.output);
    if (isObject(parsed) && (!isObject(schema) || ajv.validate(schema, parsed))) return parsed;
  }
  const fromSchema = valueFromSchema(schema);
  return isObject(fromSchema) ? fromSchema : {};
}

function valueFromSchema(schema: unknown): unknown {
  if (!isObject(schema)) return null;
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const properties = isObject(schema.properties) ? schema.properties : {};
      return Object.fromEntries(Object.entries(properties).map(([key, inner]) => [key, valueFromSchema(inner)]));
    }
    case 'array':
      return [];
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
