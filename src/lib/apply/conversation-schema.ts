// The JSON Schema of a `v3.conversationConfigurations` item: a Conversations v2 configuration, with the fields its
// create and PATCH take (twilio_conversations_v2.json), and its Intelligence Configurations by name or ID.
import { GROUPING_TYPES } from '../conversations-v2.js';
import { CONVERSATION_CONFIGURATION_ID, MEMORY_STORE_ID } from './ids.js';

/** The channels `channelSettings` may be keyed by (the spec's list; VIDEO has none). */
export const SETTINGS_CHANNELS = ['VOICE', 'SMS', 'RCS', 'WHATSAPP', 'CHAT'] as const;

const minutes = { type: 'integer', minimum: 1, description: 'minutes' };

const channelSetting = {
  type: 'object',
  additionalProperties: false,
  properties: {
    statusTimeouts: {
      type: 'object',
      additionalProperties: false,
      properties: { inactive: minutes, closed: minutes },
    },
    captureRules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: {
          from: { type: 'string', minLength: 1, description: 'an address, or * for any' },
          to: { type: 'string', minLength: 1, description: 'an address, or * for any' },
          metadata: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    },
  },
};

export const conversationConfiguration = {
  type: 'object',
  additionalProperties: false,
  required: ['displayName'],
  properties: {
    displayName: { type: 'string', minLength: 1, maxLength: 32, pattern: '^[a-zA-Z0-9-_ ]+$' },
    id: {
      type: 'string',
      pattern: CONVERSATION_CONFIGURATION_ID,
      description: 'only to tell apart conversation configurations that share a displayName',
    },
    description: { type: 'string', maxLength: 512 },
    intelligenceConfigurations: {
      type: 'array',
      maxItems: 5,
      items: { type: 'string', minLength: 1 },
      description: 'the Intelligence Configurations to run, by displayName (of the file or the account) or ID',
    },
    memoryStoreId: {
      type: 'string',
      pattern: MEMORY_STORE_ID,
      description: "left out: a new configuration gets ci's store ci-conversations (reused, or made)",
    },
    conversationGroupingType: { enum: [...GROUPING_TYPES], description: 'default GROUP_BY_PARTICIPANT_ADDRESSES' },
    statusCallbacks: {
      type: 'array',
      maxItems: 2,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: { url: { type: 'string', minLength: 1 }, method: { enum: ['POST', 'GET'] } },
      },
    },
    channelSettings: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(SETTINGS_CHANNELS.map((channel) => [channel, channelSetting])),
      description: 'by channel; a channel left out keeps its settings',
    },
    memoryExtractionEnabled: { type: 'boolean' },
    conversationsV1Bridge: {
      type: 'object',
      additionalProperties: false,
      required: ['serviceId'],
      properties: { serviceId: { type: 'string', pattern: '^IS[0-9a-f]{32}$' } },
    },
  },
};
