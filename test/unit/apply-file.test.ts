// The configuration file: errors at file:line:column, ${VAR}, relative paths, and the pure plan.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createFiles } from '../../src/lib/adapters/files.js';
import { loadDesiredState as load } from '../../src/lib/apply/load.js';
import { computePlan } from '../../src/lib/apply/plan.js';
import type { CurrentState } from '../../src/lib/apply/state.js';
import { tempDir } from '../support/temp.js';
import { defined } from '../support/defined.js';

const files = createFiles(new PassThrough(), new AbortController().signal);
const loadDesiredState = (name: string, text: string, env: Record<string, string>) => load(name, text, { env, files });

const directory = tempDir('ci-apply-unit-');
const write = (name: string, text: string) => {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected an error'),
    (error: Error & { exitCode: number }) => error,
  );

describe('loading a configuration file', () => {
  it('reports schema errors with file, line and column: unknown keys, wrong types, missing keys', async () => {
    const path = write(
      'bad.yaml',
      [
        'services:',
        '  - uniqueName: a',
        '    autoTranscribe: "yes"',
        '    colour: blue',
        '  - friendlyName: no name',
        'operators: []',
        '',
      ].join('\n'),
    );
    const error = await failure(loadDesiredState(path, readFileSync(path, 'utf8'), {}));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(`${path}:3:21: autoTranscribe must be boolean`);
    expect(error.message).toContain(`${path}:4:5: unknown key "colour" (known: uniqueName, friendlyName, languageCode,`);
    expect(error.message).toContain(`${path}:5:5: missing key "uniqueName"`);
  });

  it('reads JSON too, with positions', async () => {
    const error = await failure(
      loadDesiredState('setup.json', '{\n  "services": [\n    { "uniqueName": "a", "webhookHttpMethod": "PUT" }\n  ]\n}\n', {}),
    );
    expect(error.message).toBe('setup.json:3:47: must be one of GET, POST');
  });

  it('reports YAML syntax errors and duplicate keys at their place', async () => {
    expect((await failure(loadDesiredState('x.yaml', 'services:\n  - uniqueName: a\n    uniqueName: b\n', {}))).message).toMatch(
      /^x\.yaml:3:5: Map keys must be unique/,
    );
    expect((await failure(loadDesiredState('x.yaml', 'services: [\n', {}))).message).toMatch(/^x\.yaml:\d+:\d+: /);
  });

  it('expands ${VAR}, keeps $${VAR} literal, and names an unset variable with its place', async () => {
    const text = 'services:\n  - uniqueName: a\n    webhookUrl: ${CI_WEBHOOK_URL}\n    friendlyName: cost $${HOME}\n';
    const state = await loadDesiredState('x.yaml', text, { CI_WEBHOOK_URL: 'https://example.com/hook' });
    expect(state.services[0]?.fields).toMatchObject({ webhookUrl: 'https://example.com/hook', friendlyName: 'cost ${HOME}' });
    const error = await failure(loadDesiredState('x.yaml', text, {}));
    expect(error.message).toBe('x.yaml:3:17: environment variable CI_WEBHOOK_URL is not set (referenced as ${CI_WEBHOOK_URL})');
  });

  it("resolves files against the file's folder and checks operators like `ci operators create`", async () => {
    mkdirSync(join(directory, 'sub/prompts'), { recursive: true });
    writeFileSync(join(directory, 'sub/prompts/p.txt'), 'Classify.');
    const path = write(
      'sub/ok.yaml',
      'operators:\n  - friendlyName: op\n    promptFile: prompts/p.txt\n    schema: {type: object, properties: {a: {type: string}}}\n    examples: [{input: hi, output: {a: b}}]\n',
    );
    const state = await loadDesiredState(path, readFileSync(path, 'utf8'), {});
    expect(state.operators).toEqual([
      {
        friendlyName: 'op',
        prompt: 'Classify.',
        schema: { type: 'object', properties: { a: { type: 'string' } } },
        examples: [{ input: 'hi', output: '{"a":"b"}' }],
        where: `${path}:2:5`,
      },
    ]);

    const missing = await failure(loadDesiredState(path, 'operators:\n  - friendlyName: op\n    promptFile: nowhere.txt\n', {}));
    expect(missing.message).toMatch(new RegExp(`^${path}:3:17: cannot read nowhere.txt \\(no such file in .*sub\\)$`));
    const invalid = await failure(
      loadDesiredState(
        path,
        'operators:\n  - friendlyName: op\n    prompt: x\n    schema: {type: object, properties: {a: {type: string}}}\n    examples: [{input: hi, output: {a: 1}}]\n',
        {},
      ),
    );
    expect(invalid.message).toBe(`${path}:2:5: operator "op": example 1: output /a must be string`);
  });
});

describe('the plan (pure)', () => {
  const operatorRow = {
    sid: 'LY' + 'a'.repeat(32),
    friendlyName: 'op',
    operatorType: 'Generative',
    version: 3,
    config: { prompt: 'old', examples: [] },
  };
  const summary = { sid: 'LY' + '0'.repeat(31) + '1', friendlyName: 'Conversation Summary', operatorType: 'Summarization', version: 1 };
  const current = (): CurrentState => ({
    services: [{ sid: 'GA' + 'b'.repeat(32), uniqueName: 'svc', friendlyName: 'Old', languageCode: 'en-US', version: 7 }],
    catalogue: [summary, operatorRow],
    customSids: new Set([operatorRow.sid]),
    attachments: new Map([['GA' + 'b'.repeat(32), [summary.sid, operatorRow.sid]]]),
  });
  const desired = (overrides: { prompt?: string; operators?: string[]; friendlyName?: string } = {}) => ({
    services: [
      {
        uniqueName: 'svc',
        fields: { uniqueName: 'svc', friendlyName: overrides.friendlyName ?? 'Old' },
        operators: (overrides.operators ?? ['conversation summary', 'op']).map((ref) => ({ ref, where: 'f:1:1' })),
      },
    ],
    operators: [{ friendlyName: 'op', prompt: overrides.prompt ?? 'old', examples: [] }],
    sections: { services: true, operators: true },
  });

  it('is empty when the account matches, and lists only the changed fields otherwise', () => {
    expect(computePlan(desired(), current())).toEqual([]);
    const steps = computePlan(desired({ prompt: 'new', friendlyName: 'New' }), current());
    expect(steps.map((step) => [step.action, step.kind, 'changes' in step ? step.changes : undefined])).toEqual([
      ['update', 'operator', [{ field: 'prompt', from: 'old', to: 'new' }]],
      ['update', 'service', [{ field: 'friendlyName', from: 'Old', to: 'New' }]],
    ]);
    expect(steps[0]).toMatchObject({ version: 3 });
  });

  it('detaches and deletes only with prune', () => {
    expect(computePlan(desired({ operators: ['op'] }), current())).toEqual([]);
    const pruned = computePlan({ ...desired({ operators: [] }), operators: [] }, current(), { prune: true });
    expect(pruned.map((step) => `${step.action} ${step.name}`)).toEqual([
      'detach svc ← Conversation Summary',
      'detach svc ← op',
      'delete op',
    ]);
    // A file without an operators list does not manage operators: prune deletes none.
    const servicesOnly = { ...desired({ operators: [] }), operators: [], sections: { services: true, operators: false } };
    expect(computePlan(servicesOnly, current(), { prune: true }).map((step) => step.action)).toEqual(['detach', 'detach']);
  });

  it('refuses what cannot be done: an unknown operator reference, a new language', () => {
    expect(() => computePlan(desired({ operators: ['nope'] }), current())).toThrow(
      'f:1:1: no operator named "nope" in the file or the account',
    );
    const french = desired();
    (defined(french.services[0]).fields as Record<string, unknown>).languageCode = 'fr-FR';
    expect(() => computePlan(french, current())).toThrow(/language code cannot change/);
  });
});
