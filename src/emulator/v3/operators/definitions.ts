// What an operator version is made of: the shapes both the stored records and the built-in operators use.
import type { JsonObject } from '../body.js';

export const OUTPUT_FORMATS = ['TEXT', 'JSON', 'CLASSIFICATION'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const VERSION_STATUSES = ['PREVIEW', 'ACTIVE', 'DEPRECATED', 'RETIRED'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const PARAMETER_TYPES = ['STRING', 'INTEGER', 'NUMBER', 'BOOLEAN', 'KNOWLEDGE_BASE_AND_SOURCE_IDS'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export type Author = 'SELF' | 'TWILIO';

export interface ParameterDefinition {
  type: ParameterType;
  default?: unknown;
  required?: boolean;
  description?: string;
}

export interface TrainingExample {
  input: string;
  output: string;
}

export interface OperatorContextFlags {
  memory: { enabled: boolean };
  knowledge: { enabled: boolean };
}

/** What a PUT replaces: everything a version holds apart from its number, status and dates. */
export interface OperatorDefinition {
  displayName: string;
  description?: string;
  prompt: string;
  outputFormat: OutputFormat;
  outputSchema?: JsonObject;
  trainingExamples: TrainingExample[];
  context: OperatorContextFlags;
  parameters: Record<string, ParameterDefinition>;
}
