import { GROUPING_TYPES } from '../../../lib/conversations-v2.js';
import { operationFlags } from '../../shared/operation-flags.js';
import { arg, flag, verb } from '../../spec.js';

const CONFIGURATION = arg('<conversation-configuration>', 'ID (conv_configuration_…) or display name');

const settingFlags = {
  description: flag.string('--description <text>', 'what it is for (at most 512 characters)'),
  intelligenceConfiguration: flag.list(
    '--intelligence-configuration <configuration>',
    'an Intelligence Configuration (v3) whose rules run on its conversations, by name or ID (repeatable, at most 5)',
  ),
  memoryStore: flag.string(
    '--memory-store <store>',
    'the Memory store, by name or ID (create: default a store ci makes, ci-conversations)',
  ),
  grouping: flag.choice('--grouping <type>', GROUPING_TYPES, 'how communications are grouped into conversations'),
  statusCallback: flag.list('--status-callback <url>', 'a status callback URL (POST; repeatable, at most 2)'),
};

export const list = verb({
  name: 'list',
  aliases: ['ls'],
  summary: 'list conversation configurations (Conversations v2)',
  output: 'list',
  examples: ['ci conversations configurations list'],
});

export const show = verb({
  name: 'show',
  aliases: ['view'],
  summary: 'show a conversation configuration',
  args: [CONFIGURATION],
  output: 'item',
  examples: ['ci conversations configurations show support', 'ci conversations configurations show support --json'],
});

export const create = verb({
  name: 'create',
  summary: 'create a conversation configuration naming the Intelligence Configurations to run (a memory store is reused or made)',
  output: 'item',
  flags: {
    name: flag.text('--name <display-name>', 'its display name: letters, digits, spaces, - and _, at most 32'),
    ...settingFlags,
    ...operationFlags,
  },
  examples: [
    'ci conversations configurations create --name support --intelligence-configuration post-call',
    'ci conversations configurations create --name chats --memory-store support --grouping GROUP_BY_PROFILE --no-wait',
  ],
});

export const update = verb({
  name: 'update',
  summary: 'change the given fields of a conversation configuration (the others are kept)',
  args: [CONFIGURATION],
  output: 'item',
  flags: {
    name: flag.text('--name <display-name>', 'a new display name'),
    ...settingFlags,
    intelligenceConfigurations: flag.bool('--no-intelligence-configurations', 'run no Intelligence Configuration any more'),
    ...operationFlags,
  },
  examples: [
    'ci conversations configurations update support --intelligence-configuration post-call --intelligence-configuration realtime',
    'ci conversations configurations update support --description "Support line"',
  ],
});

export const remove = verb({
  name: 'delete',
  aliases: ['rm'],
  summary: 'delete a conversation configuration (refused while conversations use it)',
  args: [CONFIGURATION],
  output: 'none',
  flags: { yes: flag.bool('-y, --yes', 'do not ask for confirmation'), ...operationFlags },
  examples: ['ci conversations configurations delete support --yes'],
});
