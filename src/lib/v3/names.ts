// The v3 API's enumerations, as a leaf module: command specs import these without loading any library code.
export const OUTPUT_FORMATS = ['TEXT', 'JSON', 'CLASSIFICATION'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const AUTHORS = ['SELF', 'TWILIO'] as const;
export type Author = (typeof AUTHORS)[number];

export const PARAMETER_TYPES = ['STRING', 'INTEGER', 'NUMBER', 'BOOLEAN', 'KNOWLEDGE_BASE_AND_SOURCE_IDS'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export const TRIGGERS = ['CONVERSATION_END', 'CONVERSATION_INACTIVE', 'COMMUNICATION'] as const;
export type TriggerOn = (typeof TRIGGERS)[number];
