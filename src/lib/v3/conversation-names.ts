// The v3 Conversations enumerations, as a leaf module: command specs import these without loading library code.
export const CONVERSATION_STATUSES = ['ACTIVE', 'INACTIVE', 'CLOSED'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CHANNELS = ['VOICE', 'SMS', 'RCS', 'EMAIL', 'WHATSAPP', 'CHAT', 'API', 'SYSTEM'] as const;
export type Channel = (typeof CHANNELS)[number];
