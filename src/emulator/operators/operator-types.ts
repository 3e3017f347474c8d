// The Operator Types of Intelligence v2 (GET /v2/OperatorTypes): static, like Twilio's own list.
// A configurable type carries the JSON Schema that a custom operator's Config must follow; the
// emulator checks Config against it (see config.ts) the way Twilio does, before storing anything.

/** What an operator of this type produces in an OperatorResult (`operator_type` of the result). */
export type OperatorResultType =
  | 'conversation-classify'
  | 'utterance-classify'
  | 'extract'
  | 'extract-normalize'
  | 'pii-extract'
  | 'text-generation'
  | 'json';

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

function operatorType(
  sid: string,
  name: string,
  friendlyName: string,
  description: string,
  details: Pick<OperatorTypeRecord, 'output_type' | 'supported_languages' | 'provider' | 'availability' | 'config_schema'>,
  resultType: OperatorResultType,
): OperatorTypeDefinition {
  return {
    record: {
      name,
      sid,
      friendly_name: friendlyName,
      description,
      docs_link: DOCS_LINK,
      ...details,
      configurable: details.config_schema !== null,
      date_created: CATALOGUE_DATE,
      date_updated: CATALOGUE_DATE,
    },
    resultType,
  };
}

/** In list order. SIDs are fixed so that they survive restarts and can be written in docs and tests. */
export const OPERATOR_TYPES: readonly OperatorTypeDefinition[] = [
  operatorType('EY00000000000000000000000000000001', 'Summarization', 'Summarize Conversations', 'A short summary of the whole conversation.', { output_type: 'text-generation', supported_languages: GENERATIVE_LANGUAGES, provider: 'openai', availability: 'general-availability', config_schema: null }, 'text-generation'),
  operatorType('EY00000000000000000000000000000002', 'ConversationClassify', 'Classify Conversations', 'Assigns one label to the whole conversation.', { output_type: 'text-classification', supported_languages: CLASSIC_LANGUAGES, provider: 'twilio', availability: 'general-availability', config_schema: CLASSIFY_CONFIG_SCHEMA }, 'conversation-classify'),
  operatorType('EY00000000000000000000000000000003', 'PhraseMatching', 'Phrase Matching', 'Finds the sentences that contain one of the given phrases.', { output_type: 'text-classification', supported_languages: CLASSIC_LANGUAGES, provider: 'twilio', availability: 'general-availability', config_schema: PHRASE_MATCHING_CONFIG_SCHEMA }, 'utterance-classify'),
  operatorType('EY00000000000000000000000000000004', 'EntityRecognition', 'Recognize Entities', 'Extracts named entities (people, organizations, places, dates, products).', { output_type: 'text-extraction', supported_languages: CLASSIC_LANGUAGES, provider: 'amazon', availability: 'general-availability', config_schema: null }, 'extract'),
  operatorType('EY00000000000000000000000000000005', 'PIIExtract', 'Extract PII', 'Extracts personally identifiable information.', { output_type: 'text-extraction', supported_languages: CLASSIC_LANGUAGES, provider: 'amazon', availability: 'general-availability', config_schema: null }, 'pii-extract'),
  operatorType('EY00000000000000000000000000000006', 'EntityNormalization', 'Extract and Normalize', 'Extracts values and normalizes them (e.g. dates to ISO 8601).', { output_type: 'text-extraction-normalized', supported_languages: CLASSIC_LANGUAGES, provider: 'twilio', availability: 'beta', config_schema: null }, 'extract-normalize'),
  operatorType('EY00000000000000000000000000000007', 'Generative', 'Generative (text)', 'A custom prompt answered with text.', { output_type: 'text-generation', supported_languages: GENERATIVE_LANGUAGES, provider: 'openai', availability: 'general-availability', config_schema: GENERATIVE_CONFIG_SCHEMA }, 'text-generation'),
  operatorType('EY00000000000000000000000000000008', 'GenerativeJSON', 'Generative (JSON)', 'A custom prompt answered with JSON that follows json_result_schema.', { output_type: 'json', supported_languages: GENERATIVE_LANGUAGES, provider: 'openai', availability: 'general-availability', config_schema: GENERATIVE_JSON_CONFIG_SCHEMA }, 'json'),
];

/** By SID or by name (GET /v2/OperatorTypes/{Sid} accepts both). */
export function findOperatorType(sidOrName: string): OperatorTypeDefinition | undefined {
  return OPERATOR_TYPES.find((type) => type.record.sid === sidOrName || type.record.name === sidOrName);
}
