import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../../src/lib/apply/load.js';
import { canonical, computePlan } from '../../src/lib/apply/plan.js';
import { defined } from '../support/defined.js';
import type { CurrentState } from '../../src/lib/apply/state.js';

const sid = (prefix: string, n: number) => `${prefix}${String(n).padStart(32, '0')}`;
const SUMMARY = sid('LY', 1);
const OURS = sid('LY', 100);
const SERVICE = sid('GA', 1);

const definition = { friendlyName: 'Feedback', prompt: 'Classify.', examples: [] };

function current(overrides: Partial<CurrentState> = {}): CurrentState {
  return {
    services: [],
    catalogue: [{ sid: SUMMARY, friendlyName: 'Conversation Summary', operatorType: 'Summarization' }],
    customSids: new Set(),
    attachments: new Map(),
    ...overrides,
  };
}

function desired(overrides: Partial<DesiredState> = {}): DesiredState {
  return {
    services: [
      {
        uniqueName: 'support',
        fields: { languageCode: 'en-US', friendlyName: 'Support' },
        operators: [
          { ref: 'conversation summary', where: 'f.yaml:3:5' },
          { ref: 'Feedback', where: 'f.yaml:3:20' },
        ],
      },
    ],
    operators: [definition],
    sections: { services: true, operators: true },
    ...overrides,
  };
}

const summary = (steps: ReturnType<typeof computePlan>) => steps.map((step) => `${step.action} ${step.kind} ${step.name}`);

describe('computePlan', () => {
  it('on an empty account creates operators before the service, then attaches in file order', () => {
    expect(summary(computePlan(desired(), current()))).toEqual([
      'create operator Feedback',
      'create service support',
      'attach attachment support ← Conversation Summary',
      'attach attachment support ← Feedback',
    ]);
  });

  it('plans nothing when the account matches, and only the changed fields otherwise', () => {
    const matching = current({
      services: [{ sid: SERVICE, uniqueName: 'support', languageCode: 'en-US', friendlyName: 'Support', version: 3 }],
      catalogue: [
        { sid: SUMMARY, friendlyName: 'Conversation Summary', operatorType: 'Summarization' },
        { sid: OURS, friendlyName: 'Feedback', operatorType: 'Generative', version: 1, config: { prompt: 'Classify.', examples: [] } },
      ],
      customSids: new Set([OURS]),
      attachments: new Map([[SERVICE, [SUMMARY, OURS]]]),
    });
    expect(computePlan(desired(), matching)).toEqual([]);
    const renamed = desired();
    defined(renamed.services[0]).fields.friendlyName = 'Help desk';
    expect(computePlan(renamed, matching)).toEqual([
      {
        action: 'update',
        kind: 'service',
        name: 'support',
        sid: SERVICE,
        version: 3,
        fields: { friendlyName: 'Help desk' },
        changes: [{ field: 'friendlyName', from: 'Support', to: 'Help desk' }],
      },
    ]);
  });

  it('detaches and deletes only with prune, and never what the file does not mention', () => {
    const extra = sid('LY', 101);
    const state = current({
      services: [
        { sid: SERVICE, uniqueName: 'support', languageCode: 'en-US', friendlyName: 'Support', version: 1 },
        { sid: sid('GA', 2), uniqueName: 'old', version: 1 },
      ],
      catalogue: [
        { sid: SUMMARY, friendlyName: 'Conversation Summary', operatorType: 'Summarization' },
        { sid: extra, friendlyName: 'Leftover', operatorType: 'Generative', version: 1 },
      ],
      customSids: new Set([extra]),
      attachments: new Map([[SERVICE, [SUMMARY, extra]]]),
    });
    const file = desired({
      operators: [],
      services: [{ ...defined(desired().services[0]), operators: [{ ref: SUMMARY, where: 'f:1:1' }] }],
    });
    expect(computePlan(file, state)).toEqual([]);
    expect(summary(computePlan(file, state, { prune: true }))).toEqual([
      'detach attachment support ← Leftover',
      'delete service old',
      'delete operator Leftover',
    ]);
    expect(summary(computePlan({ ...file, sections: { services: true, operators: false } }, state, { prune: true }))).toEqual([
      'detach attachment support ← Leftover',
      'delete service old',
    ]);
  });

  it('refuses a language change, an unknown operator and an ambiguous name, saying where', () => {
    const state = current({ services: [{ sid: SERVICE, uniqueName: 'support', languageCode: 'fr-FR', version: 1 }] });
    expect(() => computePlan(desired(), state)).toThrow(
      /service "support": the language code cannot change once it exists \(fr-FR → en-US\)/,
    );
    const unknown = desired({
      operators: [],
      services: [{ uniqueName: 'x', fields: {}, operators: [{ ref: 'Nope', where: 'f.yaml:9:3' }] }],
    });
    expect(() => computePlan(unknown, current())).toThrow('f.yaml:9:3: no operator named "Nope" in the file or the account');
    const twins = current({
      catalogue: [
        { sid: sid('LY', 7), friendlyName: 'Twin' },
        { sid: sid('LY', 8), friendlyName: 'twin' },
      ],
    });
    const ambiguous = desired({
      operators: [],
      services: [{ uniqueName: 'x', fields: {}, operators: [{ ref: 'TWIN', where: 'f.yaml:2:1' }] }],
    });
    expect(() => computePlan(ambiguous, twins)).toThrow(/^f\.yaml:2:1: operator name "TWIN" matches 2 operators/);
  });

  it('compares schemas whatever their key order', () => {
    expect(canonical({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });
});
