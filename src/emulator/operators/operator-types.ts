// The Operator Types of Intelligence v2 (GET /v2/OperatorTypes): static, like Twilio's own list.
// A configurable type carries the JSON Schema that a custom operator's Config must follow; the
// emulator checks Config against it (see config.ts) the way Twilio does, before storing anything.

/** What an operator of this type produces in an OperatorResult (`operator_type` of the result). */
export type OperatorResultType =
  'conversation-classify' | 'utterance-classify' | 'extract' | 'extract-normalize' | 'pii-extract' | 'text-generation' | 'json';

type OutputType = 'text-classification' | 'text-extraction' | 'text-extraction-normalized' | 'text-generation' | 'json';
type Provider = 'twilio' | 'amazon' | 'openai';
type TypeAvailability = 'internal' | 'beta' | 'general-availability' | 'retired' | 'deprecated';

/** The API representation of an Operator Type minus `url` (which depends on the origin). */
export interface OperatorTypeRecord {
  name: string;
  sid: string;
  friendly_name: string;
  description: string;
  docs_link: string;
  output_type: OutputType;
  supported_languages: string[];
  provider: Provider;
  availability: TypeAvailability;
  configurable: boolean;
  config_schema: Record<string, unknown> | null;
  date_created: string;
  date_updated: string;
}

/** An Operator Type plus what the emulator needs to know about its operators' results. */
export interface OperatorTypeDefinition {
  record: OperatorTypeRecord;
  resultType: OperatorResultType;
}

const DOCS_LINK = 'https://www.twilio.com/docs/conversational-intelligence/key-concepts#language-operators';
const CATALOGUE_DATE = '2024-01-15T00:00:00Z';

/** Languages of the LLM-backed types; the rule-based ones support fewer. */
export const GENERATIVE_LANGUAGES = ['en-US', 'en-GB', 'en-AU', 'es-US', 'es-ES', 'fr-FR', 'de-DE', 'pt-BR', 'it-IT', 'ja-JP'];
export const CLASSIC_LANGUAGES = ['en-US', 'en-GB', 'es-US'];

const EXAMPLE_SCHEMA = {
  type: 'object',
  required: ['input', 'output'],
  additionalProperties: false,
  properties: {
    input: { type: 'string', minLength: 1, description: 'An example conversation.' },
    output: { type: 'string', minLength: 1, description: 'The expected result for that conversation.' },
  },
};

const PROMPT_SCHEMA = { type: 'string', minLength: 1, maxLength: 10000, description: 'Instructions for the model.' };
const EXAMPLES_SCHEMA = { type: 'array', maxItems: 30, items: EXAMPLE_SCHEMA, description: 'Training examples.' };

const GENERATIVE_CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['prompt'],
  additionalProperties: false,
  properties: { prompt: PROMPT_SCHEMA, examples: EXAMPLES_SCHEMA },
};

const GENERATIVE_JSON_CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['prompt', 'json_result_schema'],
  additionalProperties: false,
  properties: {
    prompt: PROMPT_SCHEMA,
    json_result_schema: {
      type: 'object',
      required: ['type', 'properties'],
      properties: {
        type: { const: 'object' },
        properties: { type: 'object', minProperties: 1, maxProperties: 100 },
      },
      description: 'JSON Schema of the result: an object with at most 100 properties and 5 levels of nesting.',
    },
    examples: EXAMPLES_SCHEMA,
  },
};

const CLASSIFY_CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['labels'],
  additionalProperties: false,
  properties: {
    labels: { type: 'array', minItems: 2, maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1 } },
  },
};

const PHRASE_MATCHING_CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['phrases'],
  additionalProperties: false,
  properties: {
    phrases: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'string', minLength: 1 } },
  },
};

interface TypeSpec {
  sid: string;
  name: string;
  friendlyName: string;
  description: string;
  outputType: OutputType;
  languages: string[];
  provider: Provider;
  availability?: TypeAvailability;
  /** null: not configurable (only Twilio's pre-built operators use the type). */
  configSchema: Record<string, unknown> | null;
  resultType: OperatorResultType;
}

function operatorType(spec: TypeSpec): OperatorTypeDefinition {
  return {
    record: {
      name: spec.name,
      sid: spec.sid,
      friendly_name: spec.friendlyName,
      description: spec.description,
      docs_link: DOCS_LINK,
      output_type: spec.outputType,
      supported_languages: spec.languages,
      provider: spec.provider,
      availability: spec.availability ?? 'general-availability',
      configurable: spec.configSchema !== null,
      config_schema: spec.configSchema,
      date_created: CATALOGUE_DATE,
      date_updated: CATALOGUE_DATE,
    },
    resultType: spec.resultType,
  };
}

/** In list order. SIDs are fixed so that they survive restarts and can be written in docs and tests. */
export const OPERATOR_TYPES: readonly OperatorTypeDefinition[] = [
  operatorType({
    sid: 'EY00000000000000000000000000000001',
    name: 'Summarization',
    friendlyName: 'Summarize Conversations',
    description: 'A short summary of the whole conversation.',
    outputType: 'text-generation',
    languages: GENERATIVE_LANGUAGES,
    provider: 'openai',
    configSchema: null,
    resultType: 'text-generation',
  }),
  operatorType({
    sid: 'EY00000000000000000000000000000002',
    name: 'ConversationClassify',
    friendlyName: 'Classify Conversations',
    description: 'Assigns one label to the whole conversation.',
    outputType: 'text-classification',
    languages: CLASSIC_LANGUAGES,
    provider: 'twilio',
    configSchema: CLASSIFY_CONFIG_SCHEMA,
    resultType: 'conversation-classify',
  }),
  operatorType({
    sid: 'EY00000000000000000000000000000003',
    name: 'PhraseMatching',
    friendlyName: 'Phrase Matching',
    description: 'Finds the sentences that contain one of the given phrases.',
    outputType: 'text-classification',
    languages: CLASSIC_LANGUAGES,
    provider: 'twilio',
    configSchema: PHRASE_MATCHING_CONFIG_SCHEMA,
    resultType: 'utterance-classify',
  }),
  operatorType({
    sid: 'EY00000000000000000000000000000004',
    name: 'EntityRecognition',
    friendlyName: 'Recognize Entities',
    description: 'Extracts named entities (people, organizations, places, dates, products).',
    outputType: 'text-extraction',
    languages: CLASSIC_LANGUAGES,
    provider: 'amazon',
    configSchema: null,
    resultType: 'extract',
  }),
  operatorType({
    sid: 'EY00000000000000000000000000000005',
    name: 'PIIExtract',
    friendlyName: 'Extract PII',
    description: 'Extracts personally identifiable information.',
    outputType: 'text-extraction',
    languages: CLASSIC_LANGUAGES,
    provider: 'amazon',
    configSchema: null,
    resultType: 'pii-extract',
  }),
  operatorType({
    sid: 'EY00000000000000000000000000000006',
    name: 'EntityNormalization',
    friendlyName: 'Extract and Normalize',
    description: 'Extracts values and normalizes them (e.g. dates to ISO 8601).',
    outputType: 'text-extraction-normalized',
    languages: CLASSIC_LANGUAGES,
    provider: 'twilio',
    availability: 'beta',
    configSchema: null,
    resultType: 'extract-normalize',
  }),
  operatorType({
    sid: 'EY00000000000000000000000000000007',
    name: 'Generative',
    friendlyName: 'Generative (text)',
    description: 'A custom prompt answered with text.',
    outputType: 'text-generation',
    languages: GENERATIVE_LANGUAGES,
    provider: 'openai',
    configSchema: GENERATIVE_CONFIG_SCHEMA,
    resultType: 'text-generation',
  }),
  operatorType({
    sid: 'EY00000000000000000000000000000008',
    name: 'GenerativeJSON',
    friendlyName: 'Generative (JSON)',
    description: 'A custom prompt answered with JSON that follows json_result_schema.',
    outputType: 'json',
    languages: GENERATIVE_LANGUAGES,
    provider: 'openai',
    configSchema: GENERATIVE_JSON_CONFIG_SCHEMA,
    resultType: 'json',
  }),
];

/** By SID or by name (GET /v2/OperatorTypes/{Sid} accepts both). */
export function findOperatorType(sidOrName: string): OperatorTypeDefinition | undefined {
  return OPERATOR_TYPES.find((type) => type.record.sid === sidOrName || type.record.name === sidOrName);
}
