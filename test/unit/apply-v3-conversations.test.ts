// The conversation configurations of a plan, pure: loading with places, create with ci's store (reused or to be
// made) and intelligence configurations the same apply creates, no-op, field changes as PATCH sends them, the
// order of every step, prune, and references that resolve to nothing.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFiles } from '../../src/lib/adapters/files.js';
import type { ConversationConfiguration } from '../../src/lib/conversations-v2.js';
import type { DesiredConversationConfiguration } from '../../src/lib/apply/conversation-load.js';
import { exportConversationConfigurations } from '../../src/lib/apply/conversation-export.js';
import { loadDesiredState } from '../../src/lib/apply/load.js';
import { canonical, computePlan } from '../../src/lib/apply/plan.js';
import type { CurrentState, CurrentV3 } from '../../src/lib/apply/state.js';
import type { DesiredV3 } from '../../src/lib/apply/v3-load.js';
import { planV3 } from '../../src/lib/apply/v3-plan.js';
import type { MemoryStore } from '../../src/lib/memory.js';

const files = createFiles(new PassThrough(), new AbortController().signal);
const same = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);
const where = 'f.yaml:1:1';
const id = (kind: string, n: number) => `${kind}_0${String(n).padStart(25, '0')}`;
const POST_CALL = id('intelligence_configuration', 1);
const SUPPORT = id('conv_configuration', 1);
const CI_STORE: MemoryStore = { id: id('mem_store', 1), displayName: 'ci-conversations', status: 'ACTIVE', version: 1 };

const postCall = { id: POST_CALL, displayName: 'post-call', version: 1, rules: [] };
const support: ConversationConfiguration = {
  id: SUPPORT,
  displayName: 'support',
  description: 'the support line',
  conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES',
  memoryStoreId: CI_STORE.id,
  intelligenceConfigurationIds: [POST_CALL],
  statusCallbacks: [{ url: 'https://example.com/status', method: 'POST' }],
  channelSettings: { SMS: { statusTimeouts: { inactive: 10 } } },
  memoryExtractionEnabled: false,
  version: 3,
};

const item = (overrides: Partial<DesiredConversationConfiguration> = {}): DesiredConversationConfiguration => ({
  displayName: 'support',
  fields: { description: 'the support line', statusCallbacks: [{ url: 'https://example.com/status', method: 'POST' }] },
  intelligenceConfigurations: [{ ref: 'post-call', where: 'f.yaml:9:9' }],
  where,
  ...overrides,
});

function desired(items: DesiredConversationConfiguration[] | undefined, overrides: Partial<DesiredV3> = {}): DesiredV3 {
  return {
    operators: [],
    configurations: [{ displayName: 'post-call', where }],
    ...(items ? { conversationConfigurations: items } : {}),
    sections: { operators: false, configurations: true },
    ...overrides,
  };
}

function current(configurations: ConversationConfiguration[] = [], stores: MemoryStore[] = [CI_STORE]): CurrentV3 {
  return { operators: [], configurations: [postCall], conversations: { configurations, memoryStores: stores } };
}

describe('loading conversation configurations', () => {
  const load = (text: string) => loadDesiredState('f.yaml', text, { env: {}, files });

  it('keeps the fields the item gives, a callback method defaulted to POST, and each reference with its place', async () => {
    const state = await load(
      [
        'v3:',
        '  conversationConfigurations:',
        '    - displayName: support',
        '      intelligenceConfigurations: [post-call, realtime]',
        '      statusCallbacks: [{url: "https://example.com/s"}]',
        '      channelSettings: {VOICE: {statusTimeouts: {inactive: 5}}}',
        '',
      ].join('\n'),
    );
    expect(state.v3?.conversationConfigurations).toEqual([
      {
        displayName: 'support',
        fields: {
          channelSettings: { VOICE: { statusTimeouts: { inactive: 5 } } },
          statusCallbacks: [{ url: 'https://example.com/s', method: 'POST' }],
        },
        intelligenceConfigurations: [
          { ref: 'post-call', where: 'f.yaml:4:36' },
          { ref: 'realtime', where: 'f.yaml:4:47' },
        ],
        where: 'f.yaml:3:7',
      },
    ]);
    expect((await load('v3:\n  operators: []\n')).v3?.conversationConfigurations).toBeUndefined();
  });

  it('reports a repeated name, too many intelligence configurations and a bad store ID at their places', async () => {
    const failure = await load(
      [
        'v3:',
        '  conversationConfigurations:',
        '    - displayName: support',
        '      intelligenceConfigurations: [a, b, c, d, e, f]',
        '    - displayName: support',
        '      memoryStoreId: store-1',
        '',
      ].join('\n'),
    ).then(
      () => expect.fail('expected an error'),
      (error: Error & { exitCode: number }) => error,
    );
    expect(failure.exitCode).toBe(2);
    expect(failure.message).toBe(
      'f.yaml:4:35: intelligenceConfigurations must NOT have more than 5 items; f.yaml:6:22: memoryStoreId must match pattern "^mem_(store|service)_[0-7][0-9a-z]{25}$"',
    );
  });
});

describe('the conversation configuration plan', () => {
  it('creates one after the intelligence configuration it runs, which has no ID yet, with ci-conversations reused', () => {
    const steps = planV3(desired([item()]), { ...current(), configurations: [] }, { same });
    expect(steps.map((step) => `${step.action} ${step.kind}`)).toEqual(['create configuration', 'create conversation-configuration']);
    expect(steps[1]).toMatchObject({
      configuration: {
        input: { displayName: 'support', description: 'the support line' },
        intelligenceConfigurations: [{ name: 'post-call' }],
      },
    });
    const changesOf = (step: (typeof steps)[number] | undefined) => (step && 'changes' in step ? step.changes : []);
    expect(changesOf(steps[1])).toContainEqual({ field: 'memoryStore', from: null, to: `ci-conversations (${CI_STORE.id})` });
    const fresh = planV3(desired([item()]), current([], []), { same });
    expect(changesOf(fresh[0])).toContainEqual({ field: 'memoryStore', from: null, to: 'ci-conversations (to be created)' });
  });

  it('plans nothing when the account matches, whatever the fields the file leaves out', () => {
    expect(planV3(desired([item()]), current([support]), { same })).toEqual([]);
    expect(planV3(desired([item({ fields: {}, intelligenceConfigurations: undefined })]), current([support]), { same })).toEqual([]);
  });

  it('sends only what changes: the fields, the channels that differ, the intelligence configurations by ID', () => {
    const steps = planV3(
      desired([
        item({
          fields: {
            description: 'calls',
            memoryExtractionEnabled: true,
            channelSettings: { SMS: { statusTimeouts: { inactive: 10 } }, VOICE: { statusTimeouts: { closed: 30 } } },
          },
          intelligenceConfigurations: [],
        }),
      ]),
      current([support]),
      { same },
    );
    expect(steps).toEqual([
      {
        action: 'update',
        kind: 'conversation-configuration',
        name: 'support',
        id: SUPPORT,
        version: 3,
        configuration: {
          input: { description: 'calls', memoryExtractionEnabled: true, channelSettings: { VOICE: { statusTimeouts: { closed: 30 } } } },
          intelligenceConfigurations: [],
        },
        changes: [
          { field: 'description', from: 'the support line', to: 'calls' },
          { field: 'memoryExtractionEnabled', from: false, to: true },
          { field: 'channelSettings.VOICE', from: null, to: { statusTimeouts: { closed: 30 } } },
          { field: 'intelligenceConfigurations', from: ['post-call'], to: [] },
        ],
      },
    ]);
  });

  it('deletes with --prune before the intelligence configurations they run, and after every create and update', () => {
    const state: CurrentState = { services: [], catalogue: [], customSids: new Set(), attachments: new Map(), v3: current([support]) };
    const file = {
      services: [],
      operators: [],
      sections: { services: false, operators: false },
      v3: desired([], { configurations: [{ displayName: 'realtime', where }] }),
    };
    expect(computePlan(file, state, { prune: true }).map((step) => `${step.action} ${step.kind} ${step.name}`)).toEqual([
      'create configuration realtime',
      'delete conversation-configuration support',
      'delete configuration post-call',
    ]);
  });

  it('refuses, at its place, an intelligence configuration that is nowhere, shared, or pruned while still run', () => {
    const nowhere = item({ intelligenceConfigurations: [{ ref: 'Nobody', where: 'f.yaml:9:9' }] });
    expect(() => planV3(desired([nowhere]), current(), { same })).toThrow(
      'f.yaml:9:9: no intelligence configuration named "Nobody" in the file or the account',
    );
    const twin = { ...postCall, id: id('intelligence_configuration', 2) };
    expect(() => planV3(desired([item()], { configurations: [] }), { ...current(), configurations: [postCall, twin] }, { same })).toThrow(
      `f.yaml:9:9: intelligence configuration name "post-call" is shared by ${POST_CALL}, ${twin.id}`,
    );
    expect(() => planV3(desired([item()], { configurations: [] }), current([support]), { same, prune: true })).toThrow(
      `f.yaml:9:9: intelligence configuration "post-call" is not in the file's configurations, so --prune would delete it`,
    );
    expect(() => planV3(desired(undefined, { configurations: [] }), current([support]), { same, prune: true })).toThrow(
      `--prune would delete intelligence configuration "post-call", which conversation configuration "support" (${SUPPORT}) runs`,
    );
    const store = item({ fields: { memoryStoreId: id('mem_store', 9) }, memoryStoreWhere: 'f.yaml:7:22' });
    expect(() => planV3(desired([store]), current(), { same })).toThrow(
      `f.yaml:7:22: no memory store ${id('mem_store', 9)} in this account`,
    );
  });

  it('says which IDs share a name, and with the id given updates that one only', () => {
    const twin = { ...support, id: id('conv_configuration', 2), description: 'another line' };
    expect(() => planV3(desired([item()]), current([support, twin]), { same })).toThrow(
      `f.yaml:1:1: conversation configuration name "support" is shared by ${SUPPORT}, ${twin.id}`,
    );
    const steps = planV3(desired([item({ id: twin.id })]), current([support, twin]), { same });
    expect(steps).toMatchObject([{ action: 'update', id: twin.id, changes: [{ field: 'description', to: 'the support line' }] }]);
    expect(exportConversationConfigurations({ configurations: [support, twin], memoryStores: [CI_STORE] }, [postCall])).toMatchObject([
      { id: SUPPORT },
      { id: twin.id },
    ]);
  });

  it('exports names, leaving out ci-conversations as the store but writing any other', () => {
    const own: MemoryStore = { ...CI_STORE, id: id('mem_store', 2), displayName: 'support' };
    const chats = { ...support, displayName: 'chats', memoryStoreId: own.id, intelligenceConfigurationIds: [] };
    const exported = exportConversationConfigurations({ configurations: [support, chats], memoryStores: [CI_STORE, own] }, [postCall]);
    expect(exported[0]).not.toHaveProperty('memoryStoreId');
    expect(exported[0]).toMatchObject({ intelligenceConfigurations: ['post-call'], description: 'the support line' });
    expect(exported[1]).toMatchObject({ memoryStoreId: own.id, intelligenceConfigurations: [] });
  });
});
