// Conversations v2 through the official SDK's client.conversations.v2: configurations (202 + operations), conversations,
// participants, communications, paging and errors; then each rule trigger, with its signed webhook received here.
import twilio from 'twilio';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../support/emulator.js';
import { rejection, sdkClient } from '../support/sdk.js';
import { statsOf } from '../support/stats.js';
import { activeMemoryStore, conversationsOperationDone, useWebhookReceiver } from './conversations-support.js';
import { raw, rawResults, SENTIMENT_OPERATOR_ID, SUMMARY_OPERATOR_ID, type Client } from './v3-support.js';

type ConfigurationBody = Parameters<Client['conversations']['v2']['configurations']['create']>[0];

describe('Conversations v2 through the official twilio SDK', () => {
  const emulator = useTestEmulator();
  let client: Client;
  let memoryStoreId: string;
  let intelligenceId: string;

  const configurationBody = (displayName: string, extra: Partial<ConfigurationBody> = {}): ConfigurationBody => ({
    displayName,
    description: `${displayName} calls`,
    conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES',
    memoryStoreId,
    ...extra,
  });

  async function newConfiguration(displayName: string, extra: Partial<ConfigurationBody> = {}): Promise<string> {
    const accepted = await client.conversations.v2.configurations.create(configurationBody(displayName, extra));
    expect(await conversationsOperationDone(client, accepted.statusUrl)).toBe('COMPLETED');
    return accepted.related?.configurationId ?? '';
  }

  interface Person {
    name: string;
    type: 'HUMAN_AGENT' | 'CUSTOMER';
    addresses: { channel: 'CHAT'; address: string }[];
  }
  const agent: Person = { name: 'Agent', type: 'HUMAN_AGENT', addresses: [{ channel: 'CHAT', address: 'agent-1' }] };
  const customer: Person = { name: 'Dana', type: 'CUSTOMER', addresses: [{ channel: 'CHAT', address: 'dana@example.com' }] };

  async function say(conversationId: string, from: Person, to: Person, text: string, occurredAt?: Date) {
    const [author, recipient] = [from.addresses[0], to.addresses[0]];
    if (!author || !recipient) throw new Error('participants need an address');
    return client.conversations.v2.communications(conversationId).create({
      author,
      recipients: [recipient],
      content: { type: 'TEXT', text },
      ...(occurredAt ? { occurredAt } : {}),
    });
  }

  beforeAll(async () => {
    client = sdkClient(emulator);
    memoryStoreId = await activeMemoryStore(client, 'conversations');
    const intelligence = await client.intelligence.v3.configurations.create({ displayName: 'by hand', rules: [] });
    intelligenceId = intelligence.id ?? '';
  });

  describe('ControlPlane configurations', () => {
    it('creates with 202 {statusUrl, related} and an operation that completes; then fetches it', async () => {
      const response = await client.conversations.v2.configurations.createWithHttpInfo(
        configurationBody('Support', {
          intelligenceConfigurationIds: [intelligenceId],
          statusCallbacks: [{ url: 'https://example.com/cb' }],
        }),
      );
      expect(response.statusCode).toBe(202);
      const configurationId = response.body.related?.configurationId ?? '';
      expect(configurationId).toMatch(/^conv_configuration_[0-7][0-9a-z]{25}$/);
      expect(response.body.statusUrl).toMatch(/\/v2\/ControlPlane\/Operations\/proc_job_[0-7][0-9a-z]{25}$/);
      expect(response.headers['operation-id']).toBe(response.body.statusUrl?.split('/').pop());

      expect(await conversationsOperationDone(client, response.body.statusUrl)).toBe('COMPLETED');
      const operation = await client.conversations.v2.operations(response.body.statusUrl?.split('/').pop() ?? '').fetch();
      expect(operation.related).toEqual({ configurationId });
      expect(operation.completedAt).toBeInstanceOf(Date);

      const fetched = await client.conversations.v2.configurations(configurationId).fetch();
      expect(fetched).toMatchObject({
        id: configurationId,
        displayName: 'Support',
        description: 'Support calls',
        conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES',
        memoryStoreId,
        intelligenceConfigurationIds: [intelligenceId],
        memoryExtractionEnabled: false,
        statusCallbacks: [{ url: 'https://example.com/cb', method: 'POST' }],
        version: 1,
      });
    });

    it('replaces with PUT, merges with PATCH (channelSettings per channel), and counts versions', async () => {
      const id = await newConfiguration('Replace me', { intelligenceConfigurationIds: [intelligenceId] });
      await client.conversations.v2.configurations(id).update({
        description: 'replaced',
        conversationGroupingType: 'GROUP_BY_PROFILE',
        memoryStoreId,
        channelSettings: { VOICE: { statusTimeouts: { inactive: 5 } } },
      });
      let fetched = await client.conversations.v2.configurations(id).fetch();
      expect(fetched).toMatchObject({
        displayName: 'Replace me',
        description: 'replaced',
        conversationGroupingType: 'GROUP_BY_PROFILE',
        version: 2,
      });
      expect(fetched.intelligenceConfigurationIds).toEqual([]);

      const patched = await client.conversations.v2.configurations(id).patchWithHttpInfo({
        displayName: 'Patched',
        channelSettings: { CHAT: { statusTimeouts: { closed: 60 } } },
        intelligenceConfigurationIds: [intelligenceId],
      });
      expect(patched.statusCode).toBe(202);
      fetched = await client.conversations.v2.configurations(id).fetch();
      expect(fetched).toMatchObject({
        displayName: 'Patched',
        description: 'replaced',
        version: 3,
        intelligenceConfigurationIds: [intelligenceId],
      });
      expect(fetched.channelSettings).toEqual({ VOICE: { statusTimeouts: { inactive: 5 } }, CHAT: { statusTimeouts: { closed: 60 } } });
    });

    it('lists with token paging under `configurations`, filtered by memory store', async () => {
      const otherStore = await activeMemoryStore(client, 'elsewhere');
      const elsewhere = await newConfiguration('Elsewhere', { memoryStoreId: otherStore });
      const all = await client.conversations.v2.configurations.list({ pageSize: 2 });
      expect(all.length).toBeGreaterThan(2);
      expect(all.map((configuration) => configuration.id)).toContain(elsewhere);
      const page = await client.conversations.v2.configurations.page({ pageSize: 2 });
      expect(page.instances).toHaveLength(2);
      expect((await page.nextPage())?.instances.length).toBeGreaterThan(0);
      const filtered = await client.conversations.v2.configurations.list({ memoryStoreId: otherStore });
      expect(filtered.map((configuration) => configuration.id)).toEqual([elsewhere]);
    });

    it('refuses unknown memory stores and Intelligence Configurations, bad names, and missing ones with Twilio error bodies', async () => {
      const noStore = await rejection(
        client.conversations.v2.configurations.create(configurationBody('x', { memoryStoreId: 'mem_store_00000000000000000000000000' })),
      );
      expect(noStore).toMatchObject({ status: 400, code: 20001 });
      expect(noStore.message).toContain('memoryStoreId');
      const noIntelligence = await rejection(
        client.conversations.v2.configurations.create(
          configurationBody('x', { intelligenceConfigurationIds: ['intelligence_configuration_00000000000000000000000000'] }),
        ),
      );
      expect(noIntelligence.message).toContain('intelligenceConfigurationIds[0]');
      expect(await rejection(client.conversations.v2.configurations.create(configurationBody('semi;colon')))).toMatchObject({
        status: 400,
      });
      const missing = await rejection(client.conversations.v2.configurations('conv_configuration_00000000000000000000000000').fetch());
      expect(missing).toMatchObject({ status: 404, code: 20404, moreInfo: 'https://www.twilio.com/docs/errors/20404' });
      const form = await raw(emulator, 'POST', '/v2/ControlPlane/Configurations', 'displayName=x', 'application/x-www-form-urlencoded');
      expect(form.body).toMatchObject({ status: 415, code: 20415 });
    });

    it('deletes with 202, but not while conversations use it (409 naming one)', async () => {
      const id = await newConfiguration('Doomed');
      const conversation = await client.conversations.v2.conversations.create({ configurationId: id });
      const inUse = await raw(emulator, 'DELETE', `/v2/ControlPlane/Configurations/${id}`);
      expect(inUse.status).toBe(409);
      expect(inUse.headers.get('x-conflicting-resource-id')).toBe(conversation.id);
      await client.conversations.v2.conversations(conversation.id ?? '').remove();
      const deleted = await client.conversations.v2.configurations(id).removeWithHttpInfo();
      expect(deleted.statusCode).toBe(202);
      expect(deleted.body.related).toEqual({ configurationId: id });
      expect(await rejection(client.conversations.v2.configurations(id).fetch())).toMatchObject({ status: 404 });
    });
  });

  describe('conversations, participants and communications', () => {
    let configurationId: string;

    beforeAll(async () => {
      configurationId = await newConfiguration('Chats', { intelligenceConfigurationIds: [intelligenceId] });
    });

    it('creates a conversation with participants (a customer gets a memory profile) and fetches it', async () => {
      const created = await client.conversations.v2.conversations.createWithHttpInfo({
        configurationId,
        name: 'Parcel',
        participants: [agent, customer],
      });
      expect(created.statusCode).toBe(201);
      const conversation = created.body;
      expect(conversation).toMatchObject({ accountId: emulator.accountSid, configurationId, status: 'ACTIVE', name: 'Parcel' });
      expect(conversation.id).toMatch(/^conv_conversation_[0-7][0-9a-z]{25}$/);
      expect(conversation.configuration).toMatchObject({
        displayName: 'Chats',
        memoryStoreId,
        intelligenceConfigurationIds: [intelligenceId],
      });
      expect(conversation.participants?.map((participant) => [participant.type, participant.profileId?.slice(0, 12)])).toEqual([
        ['HUMAN_AGENT', undefined],
        ['CUSTOMER', 'mem_profile_'],
      ]);
      const fetched = await client.conversations.v2.conversations(conversation.id ?? '').fetch();
      expect(fetched.participants).toHaveLength(2);
    });

    it('adds participants and TEXT and TRANSCRIPTION communications; lists them with paging and filters', async () => {
      const conversation = await client.conversations.v2.conversations.create({ configurationId, participants: [agent] });
      const id = conversation.id ?? '';
      const added = await client.conversations.v2.participants(id).create(customer);
      expect(added).toMatchObject({ conversationId: id, type: 'CUSTOMER', addresses: customer.addresses });
      const renamed = await client.conversations.v2.participants(id, added.id ?? '').update({ name: 'Dana K.' });
      expect(renamed.name).toBe('Dana K.');
      expect((await client.conversations.v2.participants(id, added.id ?? '').fetch()).name).toBe('Dana K.');
      expect((await client.conversations.v2.participants(id).list({ pageSize: 1 })).map((participant) => participant.type)).toEqual([
        'HUMAN_AGENT',
        'CUSTOMER',
      ]);

      const first = await say(id, customer, agent, 'Where is my parcel?', new Date('2026-03-01T10:00:00Z'));
      expect(first).toMatchObject({
        author: { address: 'dana@example.com', channel: 'CHAT', participantId: added.id },
        content: { type: 'TEXT', text: 'Where is my parcel?' },
        recipients: [{ address: 'agent-1', channel: 'CHAT' }],
      });
      expect(first.occurredAt).toEqual(new Date('2026-03-01T10:00:00Z'));
      const utterance = await client.conversations.v2.communications(id).create({
        author: { address: 'agent-1', channel: 'VOICE' },
        recipients: [{ address: 'dana@example.com', channel: 'VOICE' }],
        channelId: 'CA00000000000000000000000000000009',
        content: {
          type: 'TRANSCRIPTION',
          text: 'It arrives tomorrow.',
          transcription: { channel: 1, confidence: 0.92, engine: 'emulator' },
        },
      });
      expect(utterance.content).toEqual({
        type: 'TRANSCRIPTION',
        text: 'It arrives tomorrow.',
        transcription: { channel: 1, confidence: 0.92, engine: 'emulator' },
      });
      await say(id, customer, agent, 'Thanks!');

      const texts = (await client.conversations.v2.communications(id).list({ pageSize: 2 })).map(
        (communication) => communication.content?.text,
      );
      expect(texts).toEqual(['Where is my parcel?', 'It arrives tomorrow.', 'Thanks!']);
      const onCall = await client.conversations.v2.communications(id).list({ channelId: 'CA00000000000000000000000000000009' });
      expect(onCall.map((communication) => communication.id)).toEqual([utterance.id]);
      expect((await client.conversations.v2.communications(id, utterance.id ?? '').fetch()).content?.text).toBe('It arrives tomorrow.');
      expect(
        await rejection(client.conversations.v2.communications(id, 'conv_communication_00000000000000000000000000').fetch()),
      ).toMatchObject({
        status: 404,
      });
    });

    it('moves ACTIVE → INACTIVE → CLOSED with PATCH, and refuses to reopen a CLOSED conversation', async () => {
      const conversation = await client.conversations.v2.conversations.create({ configurationId, participants: [agent, customer] });
      const id = conversation.id ?? '';
      expect((await client.conversations.v2.conversations(id).patch({ status: 'INACTIVE' })).status).toBe('INACTIVE');
      // A new communication brings an INACTIVE conversation back.
      await say(id, customer, agent, 'Hello again');
      expect((await client.conversations.v2.conversations(id).fetch()).status).toBe('ACTIVE');
      expect((await client.conversations.v2.conversations(id).update({ status: 'CLOSED', name: 'Done' })).status).toBe('CLOSED');
      const reopen = await rejection(client.conversations.v2.conversations(id).patch({ status: 'ACTIVE' }));
      expect(reopen).toMatchObject({ status: 400 });
      expect(reopen.message).toContain('CLOSED');
      expect(await rejection(say(id, customer, agent, 'too late'))).toMatchObject({ status: 400 });
      expect((await client.conversations.v2.conversations(id).patch({ name: 'Renamed' })).name).toBe('Renamed');
    });

    it('lists conversations under `conversations` with the status and channelId filters, across pages', async () => {
      const ids = await client.conversations.v2.conversations.list({ pageSize: 2 });
      expect(ids.length).toBeGreaterThan(2);
      const closed = await client.conversations.v2.conversations.list({ status: ['CLOSED'] });
      expect(closed.length).toBeGreaterThan(0);
      expect(closed.every((conversation) => conversation.status === 'CLOSED')).toBe(true);
      const both = await client.conversations.v2.conversations.list({ status: ['CLOSED', 'ACTIVE'] });
      expect(both).toHaveLength(ids.length);
      expect(await client.conversations.v2.conversations.list({ channelId: 'CA-none' })).toEqual([]);
      expect(await rejection(client.conversations.v2.conversations.list({ pageSize: 1001 }))).toMatchObject({ status: 400 });
    });

    it('refuses a create without a known configuration (404) or with an unknown participant type (400)', async () => {
      expect(
        await rejection(client.conversations.v2.conversations.create({ configurationId: 'conv_configuration_00000000000000000000000000' })),
      ).toMatchObject({
        status: 404,
      });
      const badType = await raw(
        emulator,
        'POST',
        '/v2/Conversations',
        JSON.stringify({ configurationId, participants: [{ type: 'BOSS', addresses: [] }] }),
      );
      expect(badType.body).toMatchObject({ status: 400, code: 20001 });
    });

    it('deletes a conversation with 202 and its Intelligence results with it', async () => {
      const seeded = await raw(
        emulator,
        'POST',
        '/emulator/v3/Conversations',
        JSON.stringify({ conversationConfigurationId: configurationId, communications: [{ text: 'Hello' }, { text: 'Bye' }] }),
      );
      const conversationId = (seeded.body as { conversationId: string }).conversationId;
      const rules = [{ operators: [{ id: SENTIMENT_OPERATOR_ID }], actions: [] }];
      const withRule = await client.intelligence.v3.configurations.create({ displayName: 'sentiment', rules });
      await client.request({
        method: 'post',
        uri: 'https://intelligence.twilio.com/v3/RuleExecutions',
        data: { intelligenceConfigurationId: withRule.id, ruleId: withRule.rules?.[0]?.id, conversationId },
        headers: { 'Content-Type': 'application/json' },
      });
      expect(await rawResults(client, { conversationId })).toHaveLength(1);

      const deleted = await client.conversations.v2.conversations(conversationId).removeWithHttpInfo();
      expect(deleted.statusCode).toBe(202);
      expect(deleted.body.related).toEqual({ conversationId });
      expect(await rejection(client.conversations.v2.conversations(conversationId).fetch())).toMatchObject({ status: 404 });
      expect(await rawResults(client, { conversationId })).toEqual([]);
      expect(await rejection(client.intelligence.v3.conversations(conversationId).fetch())).toMatchObject({ status: 404 });
    });
  });

  describe('rule triggers and their signed webhooks', () => {
    const receiver = useWebhookReceiver();

    async function pipeline(
      trigger: { on: 'COMMUNICATION' | 'CONVERSATION_INACTIVE' | 'CONVERSATION_END'; parameters?: { count: number } },
      path: string,
    ) {
      const intelligence = await client.intelligence.v3.configurations.create({
        displayName: `on ${trigger.on}`,
        rules: [
          {
            operators: [{ id: SENTIMENT_OPERATOR_ID }, { id: SUMMARY_OPERATOR_ID }],
            triggers: [trigger],
            actions: [{ type: 'WEBHOOK', method: 'POST', url: `${receiver.url}${path}` }],
          },
        ],
      });
      const configurationId = await newConfiguration(`Trigger ${trigger.on.slice(0, 20)}`, {
        intelligenceConfigurationIds: [intelligence.id ?? ''],
      });
      const conversation = await client.conversations.v2.conversations.create({ configurationId, participants: [agent, customer] });
      return { intelligence, conversationId: conversation.id ?? '' };
    }

    const payloadOf = (body: string) =>
      JSON.parse(body) as {
        accountId: string;
        conversationId: string;
        intelligenceConfiguration: { id: string; displayName: string; version: number; ruleId: string };
        operatorResults: {
          id: string;
          operator: { id: string; displayName: string; version: number };
          outputFormat: string;
          result: unknown;
        }[];
      };

    it('fires COMMUNICATION rules every N communications, each POST signed over the URL with bodySHA256', async () => {
      receiver.received.length = 0;
      const { intelligence, conversationId } = await pipeline({ on: 'COMMUNICATION', parameters: { count: 2 } }, '/every-two');
      await say(conversationId, customer, agent, 'My parcel is late and I am angry.');
      await say(conversationId, agent, customer, 'Sorry, it arrives tomorrow.');
      await say(conversationId, customer, agent, 'Fine.');
      await say(conversationId, agent, customer, 'Anything else?');
      const [first, second] = await receiver.waitFor(2);
      if (!first || !second) throw new Error('two webhooks expected');
      expect(first.headers['content-type']).toBe('application/json');
      expect(new URL(first.url).pathname).toBe('/every-two');
      expect(new URL(first.url).searchParams.get('bodySHA256')).toMatch(/^[0-9a-f]{64}$/);
      const signature = String(first.headers['x-twilio-signature']);
      expect(twilio.validateRequestWithBody(emulator.authToken, signature, first.url, first.body)).toBe(true);
      expect(twilio.validateRequestWithBody('another-token', signature, first.url, first.body)).toBe(false);

      const payload = payloadOf(first.body);
      expect(payload).toMatchObject({
        accountId: emulator.accountSid,
        conversationId,
        intelligenceConfiguration: {
          id: intelligence.id,
          displayName: 'on COMMUNICATION',
          version: 1,
          ruleId: intelligence.rules?.[0]?.id,
        },
      });
      expect(payload.operatorResults.map((result) => [result.operator.displayName, result.outputFormat])).toEqual([
        ['Sentiment Analysis', 'CLASSIFICATION'],
        ['Conversation Summary', 'TEXT'],
      ]);
      const stored = await rawResults(client, { conversationId });
      expect(stored.map((result) => result.id)).toEqual(
        [...payload.operatorResults, ...payloadOf(second.body).operatorResults].map((result) => result.id),
      );
      expect((stored[0]?.executionDetails as { trigger: { on: string } }).trigger.on).toBe('COMMUNICATION');
    });

    it('fires CONVERSATION_INACTIVE when a conversation goes INACTIVE, and CONVERSATION_END when it closes', async () => {
      receiver.received.length = 0;
      const inactive = await pipeline({ on: 'CONVERSATION_INACTIVE' }, '/inactive');
      const ended = await pipeline({ on: 'CONVERSATION_END' }, '/end');
      for (const { conversationId } of [inactive, ended])
        await say(conversationId, customer, agent, 'We cannot log in to your account system.');
      expect(await rawResults(client, { conversationId: ended.conversationId })).toEqual([]);

      await client.conversations.v2.conversations(inactive.conversationId).patch({ status: 'INACTIVE' });
      await client.conversations.v2.conversations(ended.conversationId).patch({ status: 'CLOSED' });
      const delivered = await receiver.waitFor(2);
      const byPath = new Map(delivered.map((webhook) => [new URL(webhook.url).pathname, payloadOf(webhook.body)]));
      expect(byPath.get('/inactive')?.conversationId).toBe(inactive.conversationId);
      expect(byPath.get('/end')?.conversationId).toBe(ended.conversationId);
      expect(byPath.get('/end')?.operatorResults[0]?.result).toEqual({ label: 'NEGATIVE' });
      for (const webhook of delivered) {
        expect(
          twilio.validateRequestWithBody(emulator.authToken, String(webhook.headers['x-twilio-signature']), webhook.url, webhook.body),
        ).toBe(true);
      }
    });

    it('counts failed deliveries in /emulator/stats: a receiver answering 500, a non-loopback URL refused', async () => {
      receiver.received.length = 0;
      const before = (await statsOf(emulator)) as { webhooks?: Record<string, number> };
      receiver.answer = 500;
      const { conversationId } = await pipeline({ on: 'CONVERSATION_END' }, '/broken');
      await say(conversationId, customer, agent, 'Bye');
      await client.conversations.v2.conversations(conversationId).patch({ status: 'CLOSED' });
      await receiver.waitFor(1);
      receiver.answer = 200;

      const remote = await client.intelligence.v3.configurations.create({
        displayName: 'remote',
        rules: [
          {
            operators: [{ id: SENTIMENT_OPERATOR_ID }],
            triggers: [{ on: 'CONVERSATION_END' }],
            actions: [{ type: 'WEBHOOK', method: 'POST', url: 'https://example.com/hook' }],
          },
        ],
      });
      const configurationId = await newConfiguration('Remote', { intelligenceConfigurationIds: [remote.id ?? ''] });
      const conversation = await client.conversations.v2.conversations.create({ configurationId, participants: [agent, customer] });
      await say(conversation.id ?? '', customer, agent, 'Bye');
      await client.conversations.v2.conversations(conversation.id ?? '').patch({ status: 'CLOSED' });

      const failed = (before.webhooks?.failed ?? 0) + 2;
      let stats = (await statsOf(emulator)) as { webhooks?: Record<string, number> };
      while ((stats.webhooks?.failed ?? 0) < failed) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        stats = (await statsOf(emulator)) as { webhooks?: Record<string, number> };
      }
      expect(stats.webhooks?.failed).toBe(failed);
      expect(receiver.received).toHaveLength(1);
    });
  });
});
