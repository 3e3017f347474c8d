// Conversations v3 through the official SDK's client.intelligence.v3: every filter the spec has, paging, fetch.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../support/emulator.js';
import { rejection, sdkClient } from '../support/sdk.js';
import { raw, runRule, seedConversation, SENTIMENT_OPERATOR_ID, webhook, type Client, type Seeded } from './v3-support.js';

describe('v3 conversations through the official twilio SDK', () => {
  const emulator = useTestEmulator();
  let client: Client;
  let sentimentConfiguration: string;
  let otherConfiguration: string;
  let january: Seeded;
  let chat: Seeded;

  beforeAll(async () => {
    client = sdkClient(emulator);
    const rules = [{ operators: [{ id: SENTIMENT_OPERATOR_ID }], actions: [webhook()] }];
    const sentiment = await client.intelligence.v3.configurations.create({ displayName: 'sentiment', rules });
    sentimentConfiguration = sentiment.id ?? '';
    otherConfiguration = (await client.intelligence.v3.configurations.create({ displayName: 'other', rules: [] })).id ?? '';
    january = await seedConversation(emulator, {
      name: 'January call',
      status: 'CLOSED',
      createdAt: '2026-01-10T10:00:00Z',
      channelIds: ['CA00000000000000000000000000000001'],
      intelligenceConfigurationIds: [sentimentConfiguration],
      communications: [{ text: 'Hello, thanks for calling.' }, { text: 'Thanks, everything works great now.' }],
    });
    await seedConversation(emulator, {
      name: 'February call',
      status: 'INACTIVE',
      createdAt: '2026-02-20T10:00:00Z',
      conversationConfigurationId: january.conversationConfigurationId,
      communications: [{ text: 'My line is broken.' }],
    });
    chat = await seedConversation(emulator, {
      name: 'Chat',
      status: 'ACTIVE',
      createdAt: '2026-02-25T10:00:00Z',
      intelligenceConfigurationIds: [otherConfiguration],
      participants: [
        { name: 'Bot', type: 'AI_AGENT', channel: 'CHAT', address: 'bot' },
        { name: 'Dana', type: 'CUSTOMER', channel: 'CHAT', address: 'dana@example.com' },
      ],
      communications: [
        { participant: 1, text: 'Where is my parcel?' },
        { participant: 0, text: 'It arrives tomorrow.' },
      ],
    });
    const ruleId = sentiment.rules?.[0]?.id ?? '';
    await runRule(client, { intelligenceConfigurationId: sentimentConfiguration, ruleId, conversationId: january.conversationId });
  });

  const names = async (filters: Parameters<Client['intelligence']['v3']['conversations']['list']>[0]) =>
    (await client.intelligence.v3.conversations.list(filters)).map((conversation) => conversation.name);

  it('lists conversations with every filter the spec has', async () => {
    expect(await names({})).toEqual(['January call', 'February call', 'Chat']);
    expect(await names({ status: 'INACTIVE' })).toEqual(['February call']);
    expect(await names({ channels: ['CHAT'] })).toEqual(['Chat']);
    expect(await names({ channels: ['CHAT', 'VOICE'] })).toEqual(['January call', 'February call', 'Chat']);
    expect(await names({ channelId: 'CA00000000000000000000000000000001' })).toEqual(['January call']);
    expect(await names({ conversationConfigurationId: january.conversationConfigurationId })).toEqual(['January call', 'February call']);
    expect(await names({ intelligenceConfigurationIds: [otherConfiguration] })).toEqual(['Chat']);
    expect(await names({ intelligenceConfigurationIds: [otherConfiguration, sentimentConfiguration] })).toEqual([
      'January call',
      'February call',
      'Chat',
    ]);
    expect(await names({ operatorIds: [SENTIMENT_OPERATOR_ID] })).toEqual(['January call']);
    expect(await names({ createdAtAfter: new Date('2026-02-01T00:00:00Z'), createdAtBefore: new Date('2026-03-01T00:00:00Z') })).toEqual([
      'February call',
      'Chat',
    ]);
    expect(await names({ createdAtBefore: new Date('2026-02-01T00:00:00Z') })).toEqual(['January call']);
  });

  it('refuses a createdAt range over 31 days with 400, and malformed filters with 400 naming them', async () => {
    const wide = await rejection(
      client.intelligence.v3.conversations.list({
        createdAtAfter: new Date('2026-01-01T00:00:00Z'),
        createdAtBefore: new Date('2026-02-02T00:00:00Z'),
      }),
    );
    expect(wide.status).toBe(400);
    expect(wide.message).toContain('31 days');
    expect(await names({ createdAtAfter: new Date('2026-01-01T00:00:00Z'), createdAtBefore: new Date('2026-02-01T00:00:00Z') })).toEqual([
      'January call',
    ]);
    const badId = await raw(emulator, 'GET', '/v3/Conversations?operatorIds=LY00000000000000000000000000000000');
    expect(badId).toMatchObject({ status: 400, body: { params: { field: 'operatorIds' } } });
    const badChannel = await raw(emulator, 'GET', '/v3/Conversations?channels=FAX');
    expect(badChannel).toMatchObject({ status: 400, body: { params: { field: 'channels' } } });
  });

  it('pages conversations with pageSize and pageToken, keeping the filters', async () => {
    const first = await client.intelligence.v3.conversations.page({ pageSize: 1, channels: ['VOICE'] });
    expect(first.instances.map((conversation) => conversation.name)).toEqual(['January call']);
    const second = await first.nextPage();
    expect(second?.instances.map((conversation) => conversation.name)).toEqual(['February call']);
    expect(second?.nextToken).toBeUndefined();
    expect(await second?.nextPage()).toBeUndefined();
    expect(await names({ pageSize: 1 })).toEqual(['January call', 'February call', 'Chat']);
  });

  it('fetches a conversation with its participants, communications and operatorResultIds', async () => {
    const conversation = await client.intelligence.v3.conversations(chat.conversationId).fetch();
    expect(conversation).toMatchObject({
      id: chat.conversationId,
      accountId: emulator.accountSid,
      name: 'Chat',
      status: 'ACTIVE',
      intelligenceConfigurationIds: [otherConfiguration],
      conversationConfigurationId: chat.conversationConfigurationId,
      channels: ['CHAT'],
      channelIds: [],
      operatorResultIds: [],
    });
    expect(conversation.createdAt).toEqual(new Date('2026-02-25T10:00:00Z'));
    const [bot, dana] = conversation.participants ?? [];
    expect(bot).toMatchObject({ name: 'Bot', type: 'AI_AGENT', addressValues: ['bot'] });
    expect(dana?.id).toMatch(/^conv_participant_[0-7][0-9a-z]{25}$/);
    expect(conversation.communications?.map((communication) => [communication.participantId, communication.content.text])).toEqual([
      [dana?.id, 'Where is my parcel?'],
      [bot?.id, 'It arrives tomorrow.'],
    ]);
    const analysed = await client.intelligence.v3.conversations(january.conversationId).fetch();
    expect(analysed.operatorResultIds).toHaveLength(1);
    expect(await rejection(client.intelligence.v3.conversations('conv_conversation_01aaaaaaaaaaaaaaaaaaaaaaaa').fetch())).toMatchObject({
      status: 404,
      code: 20404,
    });
  });

  it('refuses a seed without communications, with an unknown configuration, or with unknown fields', async () => {
    const seed = (body: unknown) => raw(emulator, 'POST', '/emulator/v3/Conversations', JSON.stringify(body));
    expect(await seed({ communications: [] })).toMatchObject({ status: 400, body: { params: { field: 'communications' } } });
    expect(
      await seed({
        intelligenceConfigurationIds: ['intelligence_configuration_01aaaaaaaaaaaaaaaaaaaaaaaa'],
        communications: [{ text: 'x' }],
      }),
    ).toMatchObject({
      status: 400,
      body: { params: { field: 'intelligenceConfigurationIds[0]' } },
    });
    expect(await seed({ communications: [{ text: 'x', participant: 5 }] })).toMatchObject({
      status: 400,
      body: { params: { field: 'communications[0].participant' } },
    });
    expect(await seed({ transcript: 'x', communications: [{ text: 'x' }] })).toMatchObject({
      status: 400,
      body: { params: { field: 'transcript' } },
    });
  });
});
