// Intelligence Configurations v3 through the official SDK's client.intelligence.v3, every exchange checked against the v3 spec.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../support/emulator.js';
import { rejection, sdkClient } from '../support/sdk.js';
import { sdkObject, SENTIMENT_OPERATOR_ID, SUMMARY_OPERATOR_ID, webhook, type Client } from './v3-support.js';

type CreateBody = Parameters<Client['intelligence']['v3']['configurations']['create']>[0];

describe('v3 configurations through the official twilio SDK', () => {
  const emulator = useTestEmulator();
  let client: Client;
  let scaled: string;

  beforeAll(async () => {
    client = sdkClient(emulator);
    const operator = await client.intelligence.v3.operators.create({
      displayName: 'Scaled score',
      prompt: 'Rate the call from 0 to {{parameters.scale}}.',
      outputFormat: 'TEXT',
      parameters: { scale: { type: 'INTEGER', required: true }, tone: { type: 'STRING', default: 'plain' } },
    });
    scaled = operator.id ?? '';
  });

  type RuleBody = CreateBody['rules'][number];
  const rule = (operators: { id: string; version?: number; parameters?: Record<string, unknown> }[]): RuleBody => ({
    operators: operators.map(({ parameters, ...operator }) => ({
      ...operator,
      ...(parameters ? { parameters: sdkObject(parameters) } : {}),
    })),
    triggers: [{ on: 'CONVERSATION_END' as const }],
    actions: [webhook()],
  });

  it('creates (201), lists, fetches, updates by PUT (rules with an id updated, without one created) and deletes (204)', async () => {
    const created = await client.intelligence.v3.configurations.createWithHttpInfo({
      displayName: 'post-call',
      description: 'after every call',
      rules: [
        rule([{ id: SENTIMENT_OPERATOR_ID }]),
        { ...rule([{ id: scaled, version: 1, parameters: { scale: 5 } }]), triggers: [{ on: 'COMMUNICATION', parameters: { count: 3 } }] },
      ],
    });
    expect(created.statusCode).toBe(201);
    const configuration = created.body;
    const id = configuration.id ?? '';
    expect(configuration.id).toMatch(/^intelligence_configuration_[0-7][0-9a-z]{25}$/);
    expect(configuration).toMatchObject({ accountId: emulator.accountSid, displayName: 'post-call', version: 1 });
    expect(configuration.dateCreated).toBeInstanceOf(Date);
    const [first, second] = configuration.rules ?? [];
    expect(first?.id).toMatch(/^intelligence_configurationrule_[0-7][0-9a-z]{25}$/);
    expect(second).toMatchObject({
      operators: [{ id: scaled, version: 1, parameters: { scale: 5 } }],
      triggers: [{ on: 'COMMUNICATION', parameters: { count: 3 } }],
    });

    expect((await client.intelligence.v3.configurations(id).fetch()).rules).toEqual(configuration.rules);

    const updated = await client.intelligence.v3.configurations(id).update({
      displayName: 'post-call v2',
      rules: [{ id: second?.id, ...rule([{ id: scaled, parameters: { scale: 10 } }]) }, rule([{ id: SUMMARY_OPERATOR_ID }])],
    });
    expect(updated.version).toBe(2);
    const rules = updated.rules ?? [];
    expect(updated.description).toBeUndefined();
    expect(rules.map((kept) => kept.id)[0]).toBe(second?.id);
    expect(rules[0]?.operators).toEqual([{ id: scaled, parameters: { scale: 10 } }]);
    expect(rules[1]?.id).not.toBe(first?.id);
    expect(rules.map((kept) => kept.id)).not.toContain(first?.id);
    expect(updated.dateCreated).toEqual(configuration.dateCreated);

    const removed = await client.intelligence.v3.configurations(id).removeWithHttpInfo();
    expect(removed.statusCode).toBe(204);
    expect(await rejection(client.intelligence.v3.configurations(id).fetch())).toMatchObject({ status: 404, code: 20404 });
  });

  it('creates a configuration with no rules yet and pages through several', async () => {
    for (const n of [1, 2, 3, 4, 5]) await client.intelligence.v3.configurations.create({ displayName: `empty ${n}`, rules: [] });
    const page = await client.intelligence.v3.configurations.page({ pageSize: 2 });
    expect(page.instances.map((configuration) => configuration.displayName)).toEqual(['empty 1', 'empty 2']);
    const names = (await client.intelligence.v3.configurations.list({ pageSize: 2 })).map((configuration) => configuration.displayName);
    expect(names).toEqual(['empty 1', 'empty 2', 'empty 3', 'empty 4', 'empty 5']);
  });

  describe('bodies the spec refuses: 400 naming the field', () => {
    const cases: [string, () => CreateBody, string][] = [
      ['six rules', () => ({ displayName: 'x', rules: Array.from({ length: 6 }, () => rule([{ id: SENTIMENT_OPERATOR_ID }])) }), 'rules'],
      [
        'six operators in a rule',
        () => ({ displayName: 'x', rules: [rule(Array.from({ length: 6 }, () => ({ id: SENTIMENT_OPERATOR_ID })))] }),
        'rules[0].operators',
      ],
      ['a rule without operators', () => ({ displayName: 'x', rules: [rule([])] }), 'rules[0].operators'],
      [
        'two triggers',
        () => ({
          displayName: 'x',
          rules: [{ ...rule([{ id: SENTIMENT_OPERATOR_ID }]), triggers: [{ on: 'CONVERSATION_END' }, { on: 'CONVERSATION_INACTIVE' }] }],
        }),
        'rules[0].triggers',
      ],
      [
        'three actions',
        () => ({ displayName: 'x', rules: [{ ...rule([{ id: SENTIMENT_OPERATOR_ID }]), actions: [webhook(), webhook(), webhook()] }] }),
        'rules[0].actions',
      ],
      ['a 129-character displayName', () => ({ displayName: 'x'.repeat(129), rules: [] }), 'displayName'],
      [
        'an unknown operator',
        () => ({ displayName: 'x', rules: [rule([{ id: 'intelligence_operator_01aaaaaaaaaaaaaaaaaaaaaaaa' }])] }),
        'rules[0].operators[0].id',
      ],
      [
        'a pinned version that does not exist',
        () => ({ displayName: 'x', rules: [rule([{ id: scaled, version: 9, parameters: { scale: 1 } }])] }),
        'rules[0].operators[0].version',
      ],
      [
        'a missing required parameter',
        () => ({ displayName: 'x', rules: [rule([{ id: scaled }])] }),
        'rules[0].operators[0].parameters.scale',
      ],
      [
        'a parameter of the wrong type',
        () => ({ displayName: 'x', rules: [rule([{ id: scaled, parameters: { scale: 'five' } }])] }),
        'rules[0].operators[0].parameters.scale',
      ],
      [
        'an undeclared parameter',
        () => ({ displayName: 'x', rules: [rule([{ id: scaled, parameters: { scale: 1, colour: 'red' } }])] }),
        'rules[0].operators[0].parameters.colour',
      ],
      [
        'a trigger count of 21',
        () => ({
          displayName: 'x',
          rules: [{ ...rule([{ id: SENTIMENT_OPERATOR_ID }]), triggers: [{ on: 'COMMUNICATION', parameters: { count: 21 } }] }],
        }),
        'rules[0].triggers[0].parameters.count',
      ],
      [
        'a GET webhook',
        () => ({ displayName: 'x', rules: [{ ...rule([{ id: SENTIMENT_OPERATOR_ID }]), actions: [{ ...webhook(), method: 'GET' }] }] }),
        'rules[0].actions[0].method',
      ],
      [
        'a rule id on create',
        () => ({
          displayName: 'x',
          rules: [{ id: 'intelligence_configurationrule_01aaaaaaaaaaaaaaaaaaaaaaaa', ...rule([{ id: SENTIMENT_OPERATOR_ID }]) }],
        }),
        'rules[0].id',
      ],
    ];

    it.each(cases.map(([name, body, field]) => ({ name, body, field })))('$name → 400 naming $field', async ({ body, field }) => {
      const error = await rejection(client.intelligence.v3.configurations.create(body()));
      expect(error.status).toBe(400);
      expect(error.message).toContain(field);
    });

    it('refuses a PUT naming a rule id the configuration does not have', async () => {
      const { id } = await client.intelligence.v3.configurations.create({
        displayName: 'one',
        rules: [rule([{ id: SENTIMENT_OPERATOR_ID }])],
      });
      const error = await rejection(
        client.intelligence.v3.configurations(id ?? '').update({
          displayName: 'one',
          rules: [{ id: 'intelligence_configurationrule_01aaaaaaaaaaaaaaaaaaaaaaaa', ...rule([{ id: SENTIMENT_OPERATOR_ID }]) }],
        }),
      );
      expect(error.status).toBe(400);
      expect(error.message).toContain('rules[0].id');
      expect((await client.intelligence.v3.configurations(id ?? '').fetch()).version).toBe(1);
    });
  });
});
