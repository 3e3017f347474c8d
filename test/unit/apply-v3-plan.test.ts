// The v3 part of the plan, pure: operators matched by name (or id), rules by position, references to
// operators the same apply creates, prune, and the order of every kind of step.
import { describe, expect, it } from 'vitest';
import { computePlan, canonical } from '../../src/lib/apply/plan.js';
import type { CurrentState } from '../../src/lib/apply/state.js';
import type { DesiredV3 } from '../../src/lib/apply/v3-load.js';
import { planV3 } from '../../src/lib/apply/v3-plan.js';
import type { Configuration } from '../../src/lib/v3/configurations.js';

const id = (kind: string, n: number) => `intelligence_${kind}_0${String(n).padStart(25, '0')}`;
const OURS = id('operator', 1);
const TWILIO_SUMMARY = id('operator', 9);
const same = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);
const where = 'f.yaml:1:1';

const ourOperator = {
  id: OURS,
  displayName: 'category',
  author: 'SELF',
  version: 3,
  description: '',
  prompt: 'Classify.',
  outputFormat: 'TEXT',
  trainingExamples: [],
  parameters: {},
  context: { memory: { enabled: false }, knowledge: { enabled: false } },
};
const summary = { id: TWILIO_SUMMARY, displayName: 'Summary', author: 'TWILIO', version: 1, outputFormat: 'TEXT' };
const configuration = (rules: Configuration['rules']): Configuration => ({
  id: id('configuration', 1),
  displayName: 'post-call',
  version: 4,
  rules,
});
const rule = (operators: Configuration['rules'][number]['operators'], ruleId = id('configurationrule', 1)) => ({
  id: ruleId,
  operators,
  triggers: [{ on: 'CONVERSATION_END' as const }],
  actions: [],
});

function desired(overrides: Partial<DesiredV3> = {}): DesiredV3 {
  return {
    operators: [{ displayName: 'category', fields: { prompt: 'Classify.' }, where }],
    configurations: [
      {
        displayName: 'post-call',
        rules: [
          {
            operators: [
              { ref: 'category', where },
              { ref: 'Summary', version: 1, where },
            ],
            triggers: [{ on: 'CONVERSATION_END' }],
            actions: [],
          },
        ],
        where,
      },
    ],
    sections: { operators: true, configurations: true },
    ...overrides,
  };
}

describe('the v3 plan', () => {
  it('creates an operator and a configuration whose rule uses it before it has an ID', () => {
    const steps = planV3(desired(), { operators: [summary], configurations: [] }, { same });
    expect(steps.map((step) => `${step.action} ${step.kind}`)).toEqual(['create v3-operator', 'create configuration']);
    const create = steps[1];
    expect(create?.kind === 'configuration' && create.action === 'create' ? create.configuration.rules[0]?.operators : []).toEqual([
      { name: 'category' },
      { id: TWILIO_SUMMARY, name: 'Summary', version: 1 },
    ]);
  });

  it('plans nothing when the account matches, with the rule compared by operator ID whatever the key order', () => {
    const current = {
      operators: [summary, ourOperator],
      configurations: [configuration([rule([{ id: OURS }, { version: 1, id: TWILIO_SUMMARY }])])],
    };
    expect(planV3(desired(), current, { same })).toEqual([]);
  });

  it('updates a rule in place (same rule ID) and the operator with the version it read', () => {
    const current = { operators: [summary, ourOperator], configurations: [configuration([rule([{ id: OURS }])])] };
    const steps = planV3(desired({ operators: [{ displayName: 'category', fields: { prompt: 'Classify again.' }, where }] }), current, {
      same,
    });
    expect(steps).toMatchObject([
      {
        action: 'update',
        kind: 'v3-operator',
        id: OURS,
        version: 3,
        changes: [{ field: 'prompt', from: 'Classify.', to: 'Classify again.' }],
      },
      {
        action: 'update',
        kind: 'configuration',
        version: 4,
        configuration: { rules: [{ id: id('configurationrule', 1) }] },
        changes: [{ field: 'rules', from: [{ operators: ['category'] }], to: [{ operators: ['category', 'Summary@1'] }] }],
      },
    ]);
  });

  it('prunes only the kinds the file lists, and never Twilio operators', () => {
    const current = { operators: [summary, ourOperator], configurations: [configuration([])] };
    const none = { operators: [], configurations: [], sections: { operators: true, configurations: false } };
    expect(planV3(none, current, { same, prune: true })).toEqual([{ action: 'delete', kind: 'v3-operator', name: 'category', id: OURS }]);
  });

  it('says which IDs share a name, and refuses a rule operator that is nowhere', () => {
    const twin = { ...ourOperator, id: id('operator', 2) };
    expect(() => planV3(desired(), { operators: [ourOperator, twin], configurations: [] }, { same })).toThrow(
      `f.yaml:1:1: v3 operator name "category" is shared by ${OURS}, ${twin.id}`,
    );
    const lost = desired({ operators: [] });
    expect(() => planV3(lost, { operators: [summary], configurations: [] }, { same })).toThrow(
      'f.yaml:1:1: no v3 operator named "category" in the file or the account',
    );
  });

  it('runs v3 steps after the classic ones, deleting configurations before the operators they used', () => {
    const current: CurrentState = {
      services: [],
      catalogue: [],
      customSids: new Set(),
      attachments: new Map(),
      v3: { operators: [ourOperator], configurations: [configuration([])] },
    };
    const file = {
      services: [],
      operators: [{ friendlyName: 'classic', prompt: 'Hi.', examples: [] }],
      sections: { services: false, operators: true },
      v3: { operators: [], configurations: [], sections: { operators: true, configurations: true } },
    };
    expect(computePlan(file, current, { prune: true }).map((step) => `${step.action} ${step.kind}`)).toEqual([
      'create operator',
      'delete configuration',
      'delete v3-operator',
    ]);
  });
});
