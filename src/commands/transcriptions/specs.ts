import { ENGINES } from '../../lib/transcriptions.js';
import { arg, flag, verb } from '../spec.js';

const CONFIGURATION = arg('<configuration>', 'ID (voice_transcriptionconfiguration_…) or unique name');

const settingFlags = {
  conversationConfiguration: flag.string(
    '--conversation-configuration <configuration>',
    'the Conversations configuration its transcriptions go into (ID or display name)',
  ),
  engine: flag.choice('--engine <engine>', ENGINES, 'transcription engine (default deepgram)'),
  speechModel: flag.string(
    '--speech-model <model>',
    "the engine's model: nova-3, nova-2 (deepgram), chirp_2 (google); none for twilio_managed",
  ),
  language: flag.string('--language <code>', 'BCP-47 language code, or multi (deepgram) (default en-US)'),
  roles: flag.csv(
    '--roles <role1,role2>',
    'roles of audio channels 1 and 2: HUMAN_AGENT, CUSTOMER, AI_AGENT (default HUMAN_AGENT,CUSTOMER)',
  ),
  statusCallback: flag.url('--status-callback <url>', 'POSTed to when a transcription completes'),
  description: flag.string('--description <text>', 'what it is for'),
};

export const configurationsCreate = verb({
  name: 'create',
  summary: 'create a Voice transcription configuration (two audio channels, into a conversation configuration)',
  output: 'item',
  flags: { name: flag.string('--name <unique-name>', 'its unique name'), ...settingFlags },
  examples: ['ci transcriptions configurations create --name support --conversation-configuration post-call --roles HUMAN_AGENT,CUSTOMER'],
});

export const configurationsShow = verb({
  name: 'show',
  aliases: ['view'],
  summary: 'show a transcription configuration (Voice v2 has no list: by ID or unique name)',
  args: [CONFIGURATION],
  output: 'item',
  examples: ['ci transcriptions configurations show support --json'],
});

export const configurationsUpdate = verb({
  name: 'update',
  summary: 'change a transcription configuration: the flags given replace those settings, the rest stay',
  args: [CONFIGURATION],
  output: 'item',
  flags: { name: flag.string('--name <unique-name>', 'a new unique name'), ...settingFlags },
  examples: ['ci transcriptions configurations update support --language en-GB'],
});

export const configurationsDelete = verb({
  name: 'delete',
  aliases: ['rm'],
  summary: 'delete a transcription configuration',
  args: [CONFIGURATION],
  output: 'none',
  flags: { yes: flag.bool('-y, --yes', 'do not ask for confirmation') },
  examples: ['ci transcriptions configurations delete support --yes'],
});

export const list = verb({
  name: 'list',
  aliases: ['ls'],
  summary: 'list Voice v3 transcriptions, newest last',
  output: 'list',
  flags: {
    status: flag.choice('--status <status>', ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'], 'only those in this status'),
    recording: flag.string('--recording <sid>', 'only those of this recording (RE…)'),
    language: flag.string('--language <code>', 'only those in this language'),
    limit: flag.int('--limit <n>', 'at most this many'),
  },
  examples: ['ci transcriptions list --status COMPLETED', 'ci transcriptions list --recording RE00000000000000000000000000000001 --json'],
});

export const show = verb({
  name: 'show',
  aliases: ['view'],
  summary: 'show a Voice v3 transcription: status, source, the conversation it went into',
  args: [arg('<transcription>', 'transcription ID (voice_transcription_…)')],
  output: 'item',
  examples: ['ci transcriptions show voice_transcription_01hx…'],
});
