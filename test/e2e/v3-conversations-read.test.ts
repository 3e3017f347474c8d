// `ci conversations list|show` (Intelligence v3), in-process against the emulator: every filter, the 31-day
// rule checked before any request, the chat transcript, and bad input as one line with its exit code.
import { describe, expect, it } from 'vitest';
import { ci } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { listConversations } from '../../src/lib/conversations-v3.js';
import { sdkClient } from '../support/sdk.js';
import { SENTIMENT_OPERATOR_ID, seedConversation } from '../emulator/v3-support.js';

describe('ci conversations list / show', () => {
  const emulator = useTestEmulator();
  const run = (args: string[], options: { columns?: number; tty?: boolean } = {}) => ci(args, { env: emulatorEnv(emulator), ...options });
  const ids = async (args: string[]) => {
    const result = await run(['conversations', 'list', ...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return (JSON.parse(result.stdout) as { id: string }[]).map((conversation) => conversation.id).sort();
  };

  it('filters by status, channel, channel ID, dates, configurations and operators', async () => {
    const configuration = await run(['configurations', 'create', '--name', 'conv-filters', '--operator', 'Sentiment Analysis', '--json']);
    const configurationId = (JSON.parse(configuration.stdout) as { id: string }).id;
    const billing = await seedConversation(emulator, {
      name: 'Billing call',
      createdAt: '2026-01-10T10:00:00Z',
      channelIds: ['CA00000000000000000000000000000001'],
      intelligenceConfigurationIds: [configurationId],
      communications: [{ text: 'Hello, how can I help?' }, { text: 'My bill is wrong.' }],
    });
    const chat = await seedConversation(emulator, {
      name: 'Chat',
      status: 'ACTIVE',
      createdAt: '2026-03-01T10:00:00Z',
      participants: [
        { name: 'Bot', type: 'AI_AGENT', channel: 'CHAT', address: 'bot' },
        { name: 'Ana', type: 'CUSTOMER', channel: 'CHAT', address: 'ana' },
      ],
      communications: [{ text: 'Hi' }],
    });
    const both = [billing.conversationId, chat.conversationId].sort();

    expect(await ids([])).toEqual(both);
    expect(await ids(['--status', 'active'])).toEqual([chat.conversationId]);
    expect(await ids(['--channel', 'chat', '--channel', 'SMS'])).toEqual([chat.conversationId]);
    expect(await ids(['--channel-id', 'CA00000000000000000000000000000001'])).toEqual([billing.conversationId]);
    expect(await ids(['--created-after', '2026-01-01T00:00:00Z', '--created-before', '2026-01-31T00:00:00Z'])).toEqual([
      billing.conversationId,
    ]);
    expect(await ids(['--created-after', '2026-02-01T00:00:00Z'])).toEqual([chat.conversationId]);
    expect(await ids(['--conversation-configuration', chat.conversationConfigurationId])).toEqual([chat.conversationId]);
    expect(await ids(['--configuration', 'conv-filters'])).toEqual([billing.conversationId]);
    expect(await ids(['--operator', 'Sentiment Analysis'])).toEqual([]);
    expect((await run(['rules', 'run', 'conv-filters', '1', billing.conversationId])).code).toBe(0);
    expect(await ids(['--operator', SENTIMENT_OPERATOR_ID])).toEqual([billing.conversationId]);
    expect(await ids(['--limit', '1'])).toHaveLength(1);

    const table = await run(['conversations', 'list', '--fields', 'id,name,status,channels,participants', '--no-header']);
    expect(table.stdout.split('\n')).toContain(`${chat.conversationId}\tChat\tACTIVE\tCHAT\t2`);
  });

  it('shows the communications as a chat transcript, and the conversation as JSON', async () => {
    const seeded = await seedConversation(emulator, {
      name: 'Refund',
      participants: [
        { name: 'Agent', type: 'HUMAN_AGENT', address: 'agent@example.com' },
        { name: 'Customer', type: 'CUSTOMER', address: '+15555550100' },
      ],
      communications: [
        { participant: 0, text: 'Thanks for calling.', createdAt: '2026-01-10T10:00:00Z' },
        { participant: 1, text: 'I want a refund for\nthe broken \u001b[31mkettle\u001b[0m.', createdAt: '2026-01-10T10:00:05Z' },
        { participant: 0, text: 'Done.', createdAt: '2026-01-11T09:00:00Z' },
      ],
    });
    const shown = await run(['conversations', 'show', seeded.conversationId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Refund  ${seeded.conversationId}`);
    expect(shown.stdout).toContain('participants: Agent (HUMAN_AGENT, agent@example.com); Customer (CUSTOMER, +15555550100)');
    expect(shown.stdout).toContain(
      [
        '── 2026-01-10 ──',
        '10:00:00  Agent     Thanks for calling.',
        '10:00:05  Customer  I want a refund for',
        '                    the broken ^[[31mkettle^[[0m.',
        '',
        '── 2026-01-11 ──',
        '09:00:00  Agent     Done.',
      ].join('\n'),
    );

    const json = await run(['conversations', 'show', seeded.conversationId, '--json']);
    const conversation = JSON.parse(json.stdout) as { id: string; communications: { content: { text: string } }[] };
    expect(conversation.id).toBe(seeded.conversationId);
    expect(conversation.communications.map((communication) => communication.content.text)).toHaveLength(3);
  });

  it('streams across token pages, stopping at the limit', async () => {
    const paged = { status: 'INACTIVE', communications: [{ text: 'paged' }] };
    const seeded = await Promise.all([1, 2, 3].map(() => seedConversation(emulator, paged)));
    const collect = async (limit: number) => {
      const rows: string[] = [];
      for await (const row of listConversations(sdkClient(emulator), { status: 'INACTIVE' }, limit, 2)) rows.push(String(row.id));
      return rows.sort();
    };
    expect(await collect(Infinity)).toEqual(seeded.map((conversation) => conversation.conversationId).sort());
    expect(await collect(3)).toHaveLength(3);
    expect(await collect(1)).toHaveLength(1);
  });

  it('refuses bad input in one line, before any request', async () => {
    const cases: [string[], number, string][] = [
      [
        ['list', '--created-after', '2026-01-01T00:00:00Z', '--created-before', '2026-02-15T00:00:00Z'],
        2,
        "--created-after … --created-before spans more than 31 days, the API's limit",
      ],
      [
        ['list', '--created-after', '2026-02-01T00:00:00Z', '--created-before', '2026-01-01T00:00:00Z'],
        2,
        '--created-after is later than --created-before',
      ],
      [['list', '--created-after', 'yesterday'], 2, '--created-after must be an ISO 8601 date-time'],
      [['list', '--channel', 'FAX'], 2, '--channel must be one of VOICE, SMS'],
      [['list', '--status', 'OPEN'], 2, '--status must be one of ACTIVE, INACTIVE, CLOSED'],
      [['list', '--configuration', 'no-such-configuration'], 4, 'no configuration named "no-such-configuration"'],
      [['show', 'GT0123456789abcdef0123456789abcdef'], 2, 'is not a v3 conversation ID'],
      [['show', 'conv_conversation_01aaaaaaaaaaaaaaaaaaaaaaaa'], 4, 'conv_conversation_01aaaaaaaaaaaaaaaaaaaaaaaa'],
      [['list', '--generation', 'classic'], 2, 'conversations exist only in Conversational Intelligence v3'],
    ];
    for (const [args, code, message] of cases) {
      const result = await run(['conversations', ...args]);
      expect({ args, code: result.code }).toEqual({ args, code });
      expect(result.stderr).toContain(message);
      expect(result.stderr.trim().split('\n')[0]).toContain(message);
    }
  });
});
