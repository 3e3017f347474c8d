// The JSON Schema of the configuration file (`ci apply --print-schema`). Its validator is compiled ahead of time
// (config-validator.generated.ts, `npm run generate`): compiling it with ajv on every run took longer than the rest
// of `ci diff`.
import { OUTPUT_FORMATS, PARAMETER_TYPES, TRIGGERS } from '../v3/names.js';
import { conversationConfiguration } from './conversation-schema.js';
import { INTELLIGENCE_CONFIGURATION_ID } from './ids.js';

const text = { type: 'string', minLength: 1 };

const example = {
  type: 'object',
  additionalProperties: false,
  required: ['input', 'output'],
  properties: {
    input: { ...text, description: 'an example conversation' },
    output: { description: 'the expected result: text, or for a JSON operator the JSON itself', type: ['string', 'object'] },
  },
};

const OPERATOR_ID = '^intelligence_operator_[0-7][0-9a-z]{25}$';

/** A v3 Language Operator, keyed by displayName (and by id where two share a name). */
const v3Operator = {
  type: 'object',
  additionalProperties: false,
  required: ['displayName'],
  properties: {
    displayName: { ...text, maxLength: 128 },
    id: { type: 'string', pattern: OPERATOR_ID, description: 'only to tell apart operators that share a displayName' },
    description: { type: 'string' },
    outputFormat: { enum: [...OUTPUT_FORMATS], description: 'default: JSON with a schema, else TEXT' },
    prompt: { ...text, description: 'the instructions, with {{parameters.x}} placeholders (or promptFile)' },
    promptFile: { ...text, description: 'a text file with the prompt' },
    schema: { type: 'object', description: 'the output schema (JSON: the result; CLASSIFICATION: the labels), or schemaFile' },
    schemaFile: { ...text, description: 'a JSON file with the output schema' },
    examples: { type: 'array', items: example, description: 'training examples (or examplesFile)' },
    examplesFile: { ...text, description: 'training examples: .json (array of {input, output}), .jsonl or .csv' },
    parameters: {
      type: 'object',
      description: 'the parameters the prompt may use, by name',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: { enum: [...PARAMETER_TYPES] },
          default: { type: ['string', 'number', 'boolean'] },
          required: { type: 'boolean' },
          description: { type: 'string' },
        },
      },
    },
    context: {
      type: 'object',
      additionalProperties: false,
      properties: { memory: { type: 'boolean' }, knowledge: { type: 'boolean' } },
    },
  },
};

// A string or an object: `properties`, `required` and `minLength` apply only to their own type (no oneOf, whose errors say little).
const ruleOperator = {
  description: 'an operator by displayName or ID; NAME@N pins version N, else the latest active version runs',
  type: ['string', 'object'],
  minLength: 1,
  additionalProperties: false,
  required: ['operator'],
  properties: {
    operator: { ...text, description: 'displayName or ID (NAME@N pins version N)' },
    version: { type: 'integer', minimum: 1 },
    parameters: { type: 'object', description: 'values for the parameters the operator declares' },
  },
};

const rule = {
  type: 'object',
  additionalProperties: false,
  required: ['operators'],
  properties: {
    operators: { type: 'array', minItems: 1, maxItems: 5, items: ruleOperator },
    triggers: {
      type: 'array',
      maxItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['on'],
        properties: {
          on: { enum: [...TRIGGERS] },
          parameters: {
            type: 'object',
            additionalProperties: false,
            properties: { count: { type: 'integer', minimum: 1, maximum: 20 } },
          },
        },
      },
    },
    actions: {
      type: 'array',
      maxItems: 2,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: {
          type: { enum: ['WEBHOOK'] },
          method: { enum: ['POST'] },
          url: { ...text, description: 'e.g. ${CI_WEBHOOK_URL}' },
        },
      },
    },
    context: { type: 'object', description: 'passed as it is: {memory: {enabled}, knowledge: {bases}}' },
  },
};

const v3Configuration = {
  type: 'object',
  additionalProperties: false,
  required: ['displayName'],
  properties: {
    displayName: { ...text, maxLength: 128 },
    id: {
      type: 'string',
      pattern: INTELLIGENCE_CONFIGURATION_ID,
      description: 'only to tell apart configurations that share a displayName',
    },
    description: { type: 'string' },
    rules: { type: 'array', maxItems: 5, items: rule, description: 'the rules, in order; left out: the rules are left as they are' },
  },
};

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/twilio-ci/ci/intelligence.schema.json',
  title: 'ci configuration file (Twilio Conversational Intelligence)',
  description:
    "Services and custom operators (classic), v3 operators, configurations and conversation configurations, applied with `ci apply -f`. Keys use the camelCase names of `--json` output. Strings may use ${VAR} (environment variables); relative file paths resolve against the file's folder.",
  type: 'object',
  additionalProperties: false,
  properties: {
    services: {
      type: 'array',
      description: 'Intelligence Services, keyed by uniqueName',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['uniqueName'],
        properties: {
          uniqueName: { ...text, description: 'identifies the service' },
          friendlyName: text,
          languageCode: { ...text, description: 'e.g. en-US; cannot change once the service exists' },
          autoTranscribe: { type: 'boolean' },
          autoRedaction: { type: 'boolean' },
          mediaRedaction: { type: 'boolean' },
          dataLogging: { type: 'boolean' },
          webhookUrl: { ...text, description: 'e.g. ${CI_WEBHOOK_URL}' },
          webhookHttpMethod: { enum: ['GET', 'POST'] },
          encryptionCredentialSid: { type: 'string', pattern: '^CR[0-9a-fA-F]{32}$' },
          operators: {
            type: 'array',
            description: 'attached operators, by friendly name or LY SID; without --prune, attachments not listed are kept',
            items: text,
          },
        },
      },
    },
    operators: {
      type: 'array',
      description: 'generative custom operators, keyed by friendlyName',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['friendlyName'],
        properties: {
          friendlyName: { ...text, maxLength: 64 },
          sid: { type: 'string', pattern: '^LY[0-9a-fA-F]{32}$', description: 'only to tell apart operators that share a friendlyName' },
          prompt: { ...text, description: 'the instructions (or promptFile)' },
          promptFile: { ...text, description: 'a text file with the prompt' },
          schema: { type: 'object', description: 'JSON Schema of the result; present → GenerativeJSON (or schemaFile)' },
          schemaFile: { ...text, description: 'a JSON file with the result schema' },
          examples: { type: 'array', items: example },
          examplesFile: { ...text, description: 'training examples: .json (array of {input, output}), .jsonl or .csv' },
        },
      },
    },
    v3: {
      type: 'object',
      description:
        'Conversation Intelligence v3: Language Operators, Intelligence Configurations and the conversation configurations that run them',
      additionalProperties: false,
      properties: {
        operators: { type: 'array', description: 'your v3 Language Operators (author SELF), keyed by displayName', items: v3Operator },
        configurations: { type: 'array', description: 'Intelligence Configurations, keyed by displayName', items: v3Configuration },
        conversationConfigurations: {
          type: 'array',
          description: 'Conversations v2 configurations, keyed by displayName',
          items: conversationConfiguration,
        },
      },
    },
  },
} as const;
