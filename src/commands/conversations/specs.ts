import { CHANNELS, CONVERSATION_STATUSES, type Channel } from '../../lib/v3/conversation-names.js';
import { InvalidFlagValue } from '../flag-error.js';
import { arg, flag, verb } from '../spec.js';

/** `--channel` is repeatable and each value one of the API's channels, spelled as the API does. */
function channelList(value: string, previous: Channel[] = []): Channel[] {
  const channel = CHANNELS.find((known) => known === value.toUpperCase());
  if (!channel) throw new InvalidFlagValue(`--channel must be one of ${CHANNELS.join(', ')}`);
  return [...previous, channel];
}

const CONVERSATION = arg('<conversation>', 'conversation ID (conv_conversation_…)');

export const list = verb({
  name: 'list',
  aliases: ['ls'],
  summary: 'list Intelligence v3 conversations, with every filter of the API',
  output: 'list',
  flags: {
    createdAfter: flag.string('--created-after <iso-date>', 'created after this time (with --created-before: at most 31 days apart)'),
    createdBefore: flag.string('--created-before <iso-date>', 'created before this time'),
    status: flag.choice('--status <status>', CONVERSATION_STATUSES, 'only conversations in this status'),
    channelId: flag.string('--channel-id <id>', 'only the conversation of this channel resource (a Call SID, a Message SID)'),
    channel: flag.custom('--channel <channel>', `including this channel (repeatable, any matches): ${CHANNELS.join(', ')}`, channelList),
    conversationConfiguration: flag.string(
      '--conversation-configuration <id>',
      'made by this conversation configuration (conv_configuration_…)',
    ),
    configuration: flag.list(
      '--configuration <configuration>',
      'activated by this Intelligence Configuration, by name or ID (repeatable, any matches)',
    ),
    operator: flag.list('--operator <operator>', 'where this v3 operator ran, by name or ID (repeatable, any matches)'),
  },
  examples: [
    'ci conversations list --status CLOSED --channel VOICE',
    'ci conversations list --created-after 2026-01-01T00:00:00Z --created-before 2026-01-31T00:00:00Z --json',
    'ci conversations list --configuration post-call --operator Sentiment --fields id,name --no-header',
  ],
});

export const show = verb({
  name: 'show',
  aliases: ['view'],
  summary: 'show a conversation: its participants, then its communications as a chat transcript (time, participant, text)',
  args: [CONVERSATION],
  output: 'view',
  jsonHelp: 'print the conversation as the API returns it (communications, participants, operatorResultIds)',
  examples: ['ci conversations show conv_conversation_01hx…', 'ci conversations show conv_conversation_01hx… --json | jq .communications'],
});
