// A v3 operator definition from what the user gave: the v2 readers for prompt, schema and examples
// (flags, files, stdin), plus v3's parameters, output format and context. Parts not given keep `current`.
import { UsageError } from '../errors.js';
import { readDefinitionParts, type DefinitionSources } from '../operator-input.js';
import type { OutputFormat } from './names.js';
import { parseParameter, type OperatorDefinition } from './operator-definition.js';
import type { Files } from '../adapters/files.js';

export interface V3DefinitionSources extends DefinitionSources {
  name?: string;
  description?: string;
  outputFormat?: OutputFormat;
  /** `name:TYPE[=default][!]`, repeatable; given, they replace the current parameters. */
  parameter?: string[];
  memory?: boolean;
  knowledge?: boolean;
}

const NO_CONTEXT: OperatorDefinition['context'] = { memory: { enabled: false }, knowledge: { enabled: false } };

export async function readOperatorDefinition(
  sources: V3DefinitionSources,
  files: Files,
  current?: OperatorDefinition,
): Promise<OperatorDefinition> {
  const parts = await readDefinitionParts(sources, files);
  if (parts.problems.length) throw new UsageError(`invalid v3 operator: ${parts.problems.join('; ')}`);
  const schema = parts.schema ?? current?.outputSchema;
  if (schema !== undefined && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    throw new UsageError('invalid v3 operator: the output schema must be a JSON object');
  }
  const context = current?.context ?? NO_CONTEXT;
  return {
    displayName: sources.name ?? current?.displayName ?? '',
    description: sources.description ?? current?.description ?? '',
    prompt: parts.prompt ?? current?.prompt ?? '',
    outputFormat: sources.outputFormat ?? current?.outputFormat ?? (schema === undefined ? 'TEXT' : 'JSON'),
    ...(schema === undefined ? {} : { outputSchema: schema as Record<string, unknown> }),
    trainingExamples: parts.examples ?? current?.trainingExamples ?? [],
    parameters: sources.parameter ? Object.fromEntries(sources.parameter.map(parseParameter)) : (current?.parameters ?? {}),
    context: {
      memory: { enabled: sources.memory ?? context.memory.enabled },
      knowledge: { enabled: sources.knowledge ?? context.knowledge.enabled },
    },
  };
}
