// The ID patterns a configuration file may use to name v3 things, shared by its JSON Schema and its plan.
export const INTELLIGENCE_CONFIGURATION_ID = '^intelligence_configuration_[0-7][0-9a-z]{25}$';
export const CONVERSATION_CONFIGURATION_ID = '^conv_configuration_[0-7][0-9a-z]{25}$';
export const MEMORY_STORE_ID = '^mem_(store|service)_[0-7][0-9a-z]{25}$';

export const isIntelligenceConfigurationId = (value: string): boolean => new RegExp(INTELLIGENCE_CONFIGURATION_ID).test(value);
