// Rule executions and their OperatorResults through the official SDK's client.intelligence.v3, checked against the v3 spec.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../support/emulator.js';
import { rejection, sdkClient } from '../support/sdk.js';
import {
  raw,
  rawResults,
  runRule,
  sdkObject,
  sdkOperatorContext,
  seedConversation,
  setVersionStatus,
  SENTIMENT_OPERATOR_ID,
  SUMMARY_OPERATOR_ID,
  webhook,
  type Client,
  type Seeded,
} from './v3-support.js';

const FRUSTRATED_CALL = [
  { text: 'Thank you for calling, how can I help you today?' },
  { text: 'My invoice is wrong again and I am frustrated, I was charged twice this month.' },
  { text: 'I am sorry about that. I can see the duplicate charge on your invoice and I will refund it now.' },
  { text: 'Fine, but this is the third time there is a problem with my bill.' },
];

describe('v3 rule executions and operator results through the official twilio SDK', () => {
  const emulator = useTestEmulator();
  let client: Client;
  let category: string;
  let team: string;
  let configurationId: string;
  let ruleId: string;
  let call: Seeded;

  beforeAll(async () => {
    client = sdkClient(emulator);
    const categoryOperator = await client.intelligence.v3.operators.create({
      displayName: 'Category and emotion',
      prompt: 'Give the category of the call and the emotion of the customer, for {{parameters.team}}.',
      outputFormat: 'JSON',
      outputSchema: sdkObject({
        type: 'object',
        properties: { category: { type: 'string', enum: ['BILLING', 'TECHNICAL', 'OTHER'] }, emotion: { type: 'string' } },
      }),
      trainingExamples: [
        { input: 'I was charged twice on my invoice and I want a refund', output: '{"category": "BILLING", "emotion": "annoyed"}' },
        { input: 'the router keeps dropping the wifi connection', output: '{"category": "TECHNICAL", "emotion": "confused"}' },
      ],
      context: sdkOperatorContext({ memory: { enabled: true } }),
      parameters: { team: { type: 'STRING', default: 'support' } },
    });
    category = categoryOperator.id ?? '';
    const teamOperator = await client.intelligence.v3.operators.create({
      displayName: 'Team',
      prompt: 'Which team should follow up: BILLING_TEAM or NETWORK_TEAM?',
      outputFormat: 'CLASSIFICATION',
      trainingExamples: [{ input: 'charged twice on my invoice, refund', output: 'BILLING_TEAM' }],
    });
    team = teamOperator.id ?? '';
    const configuration = await client.intelligence.v3.configurations.create({
      displayName: 'post-call',
      rules: [
        {
          operators: [{ id: category }, { id: team }, { id: SENTIMENT_OPERATOR_ID }, { id: SUMMARY_OPERATOR_ID }],
          triggers: [{ on: 'CONVERSATION_END' }],
          actions: [webhook()],
          context: { memory: { enabled: true } },
        },
      ],
    });
    configurationId = configuration.id ?? '';
    ruleId = configuration.rules?.[0]?.id ?? '';
    call = await seedConversation(emulator, {
      name: 'Billing call',
      intelligenceConfigurationIds: [configurationId],
      channelIds: ['CA00000000000000000000000000000001'],
      communications: FRUSTRATED_CALL,
    });
  });

  it('answers 202 with no body, and the results are there once it has', async () => {
    const response = await runRule(client, { intelligenceConfigurationId: configurationId, ruleId, conversationId: call.conversationId });
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('');

    const results = await client.intelligence.v3.operatorResults.list({ conversationId: call.conversationId });
    expect(results.map((result) => [result.operator?.id, result.outputFormat])).toEqual([
      [category, 'JSON'],
      [team, 'CLASSIFICATION'],
      [SENTIMENT_OPERATOR_ID, 'CLASSIFICATION'],
      [SUMMARY_OPERATOR_ID, 'TEXT'],
    ]);
    const [first] = results;
    expect(first?.id).toMatch(/^intelligence_operatorresult_[0-7][0-9a-z]{25}$/);
    expect(first?.intelligenceConfiguration).toMatchObject({ id: configurationId, ruleId, version: 1 });
    expect(first?.operator).toMatchObject({ version: 1, parameters: { team: 'support' } });
    expect(first?.referenceIds).toEqual(['CA00000000000000000000000000000001']);
    const conversation = await client.intelligence.v3.conversations(call.conversationId).fetch();
    expect(first?.executionDetails).toMatchObject({
      trigger: { on: 'CONVERSATION_END' },
      communications: { first: conversation.communications?.[0]?.id, last: conversation.communications?.[3]?.id },
      channels: ['VOICE'],
      participants: [{ type: 'HUMAN_AGENT' }, { type: 'CUSTOMER' }],
      // The rule and the operator both allow memory, and the seeded customer has a profile.
      resolvedContext: { memory: { memoryStoreId: call.memoryStoreId } },
    });
    expect(first?.metadata?.system).toMatchObject({ resolvedModel: 'emulator-deterministic-1', inputTruncated: false });
    expect(first?.metadata?.system.inputCharacters).toBeGreaterThan(200);
    expect(conversation.operatorResultIds).toEqual(results.map((result) => result.id));
  });

  it('produces each output format with the deterministic engine (raw bodies: the SDK keeps only result.entities)', async () => {
    const byOperator = new Map(
      (await rawResults(client, { conversationId: call.conversationId })).map((item) => [
        (item.operator as { id: string }).id,
        item.result,
      ]),
    );
    // JSON: the nearest training example's output, valid against the schema.
    expect(byOperator.get(category)).toEqual({ category: 'BILLING', emotion: 'annoyed' });
    // CLASSIFICATION: a label from the prompt or the examples; Sentiment from the lexicon.
    expect(byOperator.get(team)).toEqual({ label: 'BILLING_TEAM' });
    expect(byOperator.get(SENTIMENT_OPERATOR_ID)).toEqual({ label: 'NEGATIVE' });
    // TEXT: Twilio's Summary summarises extractively, naming the speakers.
    expect((byOperator.get(SUMMARY_OPERATOR_ID) as { text: string }).text).toMatch(/^The (agent|customer) said: "/);

    const [sdkResult] = await client.intelligence.v3.operatorResults.list({
      conversationId: call.conversationId,
      operatorId: SENTIMENT_OPERATOR_ID,
    });
    expect(sdkResult?.result).toEqual({ entities: undefined });
  });

  it('gives the same results for the same conversation every time, and overrides parameters per execution', async () => {
    const again = await seedConversation(emulator, { intelligenceConfigurationIds: [configurationId], communications: FRUSTRATED_CALL });
    await runRule(client, {
      intelligenceConfigurationId: configurationId,
      ruleId,
      conversationId: again.conversationId,
      rule: { operators: [{ id: category, parameters: { team: 'billing' } }] },
    });
    const before = await rawResults(client, { conversationId: call.conversationId });
    const after = await rawResults(client, { conversationId: again.conversationId });
    expect(after.map((item) => item.result)).toEqual(before.map((item) => item.result));
    expect((after[0]?.operator as { parameters: unknown }).parameters).toEqual({ team: 'billing' });
  });

  it('filters results by configuration and operator, pages them, fetches and deletes one', async () => {
    const byOperator = await client.intelligence.v3.operatorResults.list({ operatorId: SUMMARY_OPERATOR_ID });
    expect(byOperator.length).toBeGreaterThanOrEqual(2);
    expect(byOperator.every((result) => result.operator?.id === SUMMARY_OPERATOR_ID)).toBe(true);
    const byConfiguration = await client.intelligence.v3.operatorResults.list({
      intelligenceConfigurationId: configurationId,
      pageSize: 3,
    });
    const all = await client.intelligence.v3.operatorResults.list();
    expect(byConfiguration.map((result) => result.id)).toEqual(all.map((result) => result.id));
    const page = await client.intelligence.v3.operatorResults.page({ pageSize: 3 });
    expect(page.instances).toHaveLength(3);
    expect(page.nextToken).toBeDefined();

    const id = all[0]?.id ?? '';
    expect((await client.intelligence.v3.operatorResults(id).fetch()).conversationId).toBe(call.conversationId);
    expect((await client.intelligence.v3.operatorResults(id).removeWithHttpInfo()).statusCode).toBe(204);
    expect(await rejection(client.intelligence.v3.operatorResults(id).fetch())).toMatchObject({ status: 404, code: 20404 });
    expect((await client.intelligence.v3.conversations(call.conversationId).fetch()).operatorResultIds).not.toContain(id);
    const malformed = await rejection(
      client.intelligence.v3.operatorResults.list({ conversationId: 'GT00000000000000000000000000000000' }),
    );
    expect(malformed).toMatchObject({ status: 400 });
    expect(malformed.message).toContain('conversationId');
  });

  it('answers 404 for an unknown configuration, rule or conversation, 400 for a malformed id, 422 without a memory store', async () => {
    const unknown = (prefix: string) => `${prefix}_01aaaaaaaaaaaaaaaaaaaaaaaa`;
    const run = { intelligenceConfigurationId: configurationId, ruleId, conversationId: call.conversationId };
    for (const wrong of [
      { intelligenceConfigurationId: unknown('intelligence_configuration') },
      { ruleId: unknown('intelligence_configurationrule') },
      { conversationId: unknown('conv_conversation') },
    ]) {
      const response = await runRule(client, { ...run, ...wrong });
      expect(response).toMatchObject({ statusCode: 404, body: { code: 20404, httpStatusCode: 404 } });
    }
    expect(await runRule(client, { ...run, ruleId: 'rule-1' })).toMatchObject({ statusCode: 400, body: { params: { field: 'ruleId' } } });
    const noMemory = await seedConversation(emulator, {
      intelligenceConfigurationIds: [configurationId],
      memoryStore: false,
      communications: FRUSTRATED_CALL,
    });
    expect(noMemory.memoryStoreId).toBeNull();
    const response = await runRule(client, { ...run, conversationId: noMemory.conversationId });
    expect(response).toMatchObject({ statusCode: 422, body: { code: 20422, httpStatusCode: 422 } });
    const error = response.body as { message: string };
    expect(error.message).toContain('memory store');
  });

  it('fails a RETIRED version (no result, logged) and runs a DEPRECATED one (result, warning)', async () => {
    const pinned = await client.intelligence.v3.configurations.create({
      displayName: 'pinned',
      rules: [
        {
          operators: [
            { id: category, version: 1 },
            { id: team, version: 1 },
          ],
          actions: [],
        },
      ],
    });
    const pinnedRule = pinned.rules?.[0]?.id ?? '';
    await setVersionStatus(emulator, category, 1, 'RETIRED');
    await setVersionStatus(emulator, team, 1, 'DEPRECATED');
    const conversation = await seedConversation(emulator, { intelligenceConfigurationIds: [pinned.id], communications: FRUSTRATED_CALL });
    const response = await runRule(client, {
      intelligenceConfigurationId: pinned.id ?? '',
      ruleId: pinnedRule,
      conversationId: conversation.conversationId,
    });
    expect(response.statusCode).toBe(202);

    const results = await client.intelligence.v3.operatorResults.list({ conversationId: conversation.conversationId });
    expect(results.map((result) => result.operator?.id)).toEqual([team]);
    const log = await raw(emulator, 'GET', '/emulator/v3/RuleExecutions');
    const execution = (log.body as { items: Record<string, unknown>[] }).items.find(
      (item) => item.conversationId === conversation.conversationId,
    );
    expect(execution).toMatchObject({
      status: 'FAILED',
      operatorResultIds: [results[0]?.id],
      failures: [{ operatorId: category, version: 1, reason: expect.stringContaining('RETIRED') as unknown }],
      warnings: [{ operatorId: team, version: 1, reason: expect.stringContaining('DEPRECATED') as unknown }],
    });
    await setVersionStatus(emulator, category, 1, 'ACTIVE');
    await setVersionStatus(emulator, team, 1, 'ACTIVE');
  });

  it('runs an unpinned rule on the latest DEPRECATED version when no version is ACTIVE, and not on PREVIEW', async () => {
    const only = await client.intelligence.v3.operators.create({ displayName: 'Only', prompt: 'Summarise.', outputFormat: 'TEXT' });
    const id = only.id ?? '';
    const configuration = await client.intelligence.v3.configurations.create({
      displayName: 'follows latest',
      rules: [{ operators: [{ id }], actions: [] }],
    });
    const run = async () => {
      const conversation = await seedConversation(emulator, {
        intelligenceConfigurationIds: [configuration.id],
        communications: FRUSTRATED_CALL,
      });
      await runRule(client, {
        intelligenceConfigurationId: configuration.id ?? '',
        ruleId: configuration.rules?.[0]?.id ?? '',
        conversationId: conversation.conversationId,
      });
      const log = await raw(emulator, 'GET', '/emulator/v3/RuleExecutions?pageSize=1000');
      return (log.body as { items: Record<string, unknown>[] }).items.find((item) => item.conversationId === conversation.conversationId);
    };
    await setVersionStatus(emulator, id, 1, 'DEPRECATED');
    expect(await run()).toMatchObject({ status: 'COMPLETED', warnings: [{ operatorId: id, version: 1 }] });
    await setVersionStatus(emulator, id, 1, 'PREVIEW');
    expect(await run()).toMatchObject({ status: 'FAILED', operatorResultIds: [], failures: [{ operatorId: id }] });
  });

  it('shows that the SDK’s own ruleExecutions.create() rejects the bodiless 202 although the execution ran', async () => {
    const fresh = await seedConversation(emulator, { intelligenceConfigurationIds: [configurationId], communications: FRUSTRATED_CALL });
    const attempt = client.intelligence.v3.ruleExecutions.create({
      intelligenceConfigurationId: configurationId,
      ruleId,
      conversationId: fresh.conversationId,
    });
    await expect(attempt).rejects.toThrow(SyntaxError);
    expect(await client.intelligence.v3.operatorResults.list({ conversationId: fresh.conversationId })).toHaveLength(4);
  });
});

describe('v3 rate limiting', () => {
  const emulator = useTestEmulator({ faults: { throttleRate: 1, seed: 7 } });

  it('answers a throttled v3 request with 429, the v3 error body and X-RateLimit-* headers (not Retry-After)', async () => {
    const error = await rejection(sdkClient(emulator).intelligence.v3.operators.list());
    expect(error).toMatchObject({ status: 429, code: 20429 });
    const response = await raw(emulator, 'GET', '/v3/ControlPlane/Configurations');
    expect(response.status).toBe(429);
    expect(response.headers.get('x-ratelimit-reset')).toBe('1');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(response.headers.get('retry-after')).toBeNull();
    expect(response.body).toMatchObject({ code: 20429, httpStatusCode: 429, userError: true });
    const classic = await raw(emulator, 'GET', '/v2/Services');
    expect(classic.headers.get('retry-after')).toBe('1');
    expect(classic.headers.get('x-ratelimit-reset')).toBeNull();
  });
});
