// Who the top-level commands are, in help order: the one place their names, aliases and summaries live.
// A leaf module (pure data), so `ci --help` lists every command without loading any of them.
export const TOP_LEVEL = {
  services: { name: 'services', aliases: ['service'], summary: 'manage Intelligence Services' },
  profiles: { name: 'profiles', aliases: ['profile'], summary: 'manage saved credentials (stored with mode 0600)' },
  login: { name: 'login', summary: 'ask for credentials, verify them with one API call, and save them as the active profile' },
  emulator: {
    name: 'emulator',
    summary:
      'a local emulator of the Twilio APIs ci uses (Intelligence v2 and v3, Conversations v2, Memory, Voice) for demos, tests and trying ci without an account',
  },
  operators: {
    name: 'operators',
    aliases: ['operator'],
    summary: 'manage Language Operators: the catalogue, custom operators, attachments',
  },
  configurations: {
    name: 'configurations',
    aliases: ['configuration'],
    summary: 'v3: manage Intelligence Configurations: rules of operators, a trigger and webhook actions',
  },
  conversations: {
    name: 'conversations',
    aliases: ['conversation'],
    summary: 'v3: list and show conversations; ingest transcripts and chats, close, delete; conversation configurations',
  },
  memory: { name: 'memory', summary: 'v3: Memory stores, which conversation configurations need (Memory v1)' },
  rules: { name: 'rules', aliases: ['rule'], summary: 'v3: run a configuration rule on a conversation and wait for its operator results' },
  setup: {
    name: 'setup',
    summary: 'interactive: create a service, attach operators, create a generative operator; prints the equivalent commands',
  },
  transcribe: {
    name: 'transcribe',
    summary: 'transcribe a recording (or media URL) with a service; returns the existing transcript if the recording has one',
  },
  transcripts: { name: 'transcripts', aliases: ['transcript'], summary: 'list, inspect, wait for and delete transcripts' },
  transcriptions: {
    name: 'transcriptions',
    aliases: ['transcription'],
    summary: 'v3: Voice v3 transcriptions (recording → conversation) and their Voice transcription configurations',
  },
  results: { name: 'results', summary: "show a transcript's Language Operator results: one section per operator, by type" },
  webhook: { name: 'webhook', aliases: ['webhooks'], summary: 'receive and configure the transcript-available webhook' },
  serve: {
    name: 'serve',
    summary: 'the call flow as one local server: /incoming-call (TwiML), /recording-status (creates the transcript), /ci-webhook',
  },
  apply: {
    name: 'apply',
    summary: 'make the account match a configuration file: shows the plan, asks, applies (operators before attachments, with If-Match)',
  },
  diff: {
    name: 'diff',
    summary: 'show what `ci apply` would change: create, update (field by field), attach, detach, delete (with --prune)',
  },
  export: { name: 'export', summary: "print the account's services and generative custom operators in the configuration file format" },
  doctor: {
    name: 'doctor',
    summary: 'check the setup: Node, config file, credentials, API access, region/edge, proxy, clock (exit 0 only when all pass)',
  },
  completion: { name: 'completion', summary: 'print a shell completion script (commands, subcommands, flags and their values)' },
} as const satisfies Record<string, { name: string; aliases?: readonly string[]; summary: string }>;

export type TopLevelName = keyof typeof TOP_LEVEL;
