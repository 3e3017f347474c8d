// `ci apply` / `ci diff` / `ci export` in-process against a fresh emulator per test (each test starts
// from an empty account; an in-process emulator starts in milliseconds): the seed's setup from
// examples/seed, then every behaviour issue 7 lists.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { scriptedPrompter } from '../support/fake-prompter.js';
import * as cli from '../support/cli.js';
import { sdkClient } from '../support/sdk.js';
import { tempDir } from '../support/temp.js';
import { defined } from '../support/defined.js';
import { jsonOf } from '../support/json.js';

const SEED = fileURLToPath(new URL('../../examples/seed', import.meta.url));
const WEBHOOK = 'https://example.com/ci-webhook';

let emulator: TestEmulator;
let directory: string;
let setup: string;

beforeEach(async () => {
  emulator = await startTestEmulator();
  directory = tempDir('ci-apply-e2e-');
  cpSync(SEED, directory, { recursive: true });
  setup = join(directory, 'intelligence.yaml');
});
afterEach(async () => {
  await emulator.close();
  rmSync(directory, { recursive: true, force: true });
  expect(emulator.violations).toEqual([]);
});

const ci = (args: string[], options: cli.InProcessOptions = {}) =>
  cli.ci(args, { ...options, env: { ...emulatorEnv(emulator), CI_WEBHOOK_URL: WEBHOOK, ...options.env } });

const edit = (path: string, from: string | RegExp, to: string) => writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));

async function planOf(args: string[] = []) {
  const diff = await ci(['diff', '-f', setup, '--json', ...args]);
  expect(diff.stderr).toBe('');
  return JSON.parse(diff.stdout) as {
    changes: number;
    steps: Array<{ action: string; kind: string; name: string } & Record<string, unknown>>;
  };
}

describe('ci apply -f examples/seed/intelligence.yaml', () => {
  it('creates everything on an empty account, in dependency order; a second apply changes nothing', async () => {
    const plan = await planOf();
    expect(plan.steps.map((step) => `${step.action} ${step.kind} ${step.name}`)).toEqual([
      'create operator test-operator',
      'create service test-ci',
      'attach attachment test-ci ← Conversation Summary',
      'attach attachment test-ci ← Sentiment Analysis',
      'attach attachment test-ci ← test-operator',
    ]);

    const applied = await ci(['apply', '-f', setup, '--yes']);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^✓ create operator test-operator \(LY[0-9a-f]{32}\)$/m);
    expect(applied.stdout).toMatch(/^✓ attach test-operator to service test-ci$/m);

    const service: unknown = JSON.parse((await ci(['services', 'show', 'test-ci', '--json'])).stdout);
    expect(service).toMatchObject({
      friendlyName: 'Test CI',
      languageCode: 'en-US',
      autoTranscribe: false,
      webhookUrl: WEBHOOK,
      webhookHttpMethod: 'POST',
    });
    const attached = JSON.parse((await ci(['operators', 'list', '--attached-to', 'test-ci', '--json'])).stdout) as Array<{
      friendlyName: string;
    }>;
    expect(attached.map((operator) => operator.friendlyName)).toEqual(['Conversation Summary', 'Sentiment Analysis', 'test-operator']);
    const operator = jsonOf<{ config: { examples: unknown[] } }>((await ci(['operators', 'show', 'test-operator', '--json'])).stdout);
    expect(operator).toMatchObject({ operatorType: 'GenerativeJSON', version: 1 });
    expect(operator.config.examples).toEqual([
      { input: 'How much your product?', output: '{"category":"pricing","emotion":"neutral"}' },
      { input: 'We cannot find your products.', output: '{"category":"other","emotion":"negative"}' },
    ]);

    const again = await ci(['apply', '-f', setup]);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain('No changes');
    expect((await ci(['diff', '-f', setup, '--exit-code'])).code).toBe(0);
  });

  it('a changed prompt updates the operator (version +1) and nothing else', async () => {
    expect((await ci(['apply', '-f', setup, '--yes'])).code).toBe(0);
    writeFileSync(join(directory, 'prompts/feedback.txt'), 'Classify the feedback as pricing or other.\n');
    const plan = await planOf();
    expect(plan.changes).toBe(1);
    expect(plan.steps[0]).toMatchObject({ action: 'update', kind: 'operator', name: 'test-operator', version: 1 });
    expect(plan.steps[0]?.changes).toEqual([
      { field: 'prompt', from: expect.stringContaining('この会話は') as unknown, to: 'Classify the feedback as pricing or other.\n' },
    ]);

    const changed = await ci(['diff', '-f', setup, '--exit-code']);
    expect(changed.code).toBe(6);
    // A long prompt changed: a line diff, not two truncated strings.
    expect(changed.stdout).toMatch(
      /~ update operator test-operator \(LY[0-9a-f]{32}, version 1\)\n {4}prompt:\n {6}- この会話は[^\n]*\n(?: {6}- [^\n]*\n)*/,
    );
    expect(changed.stdout).toContain('\n      + Classify the feedback as pricing or other.\n');
    expect(changed.stdout).not.toContain('…');
    expect(changed.stderr).toBe('ci: the plan has changes: 1 to update\n');

    const applied = await ci(['apply', '-f', setup, '--yes', '--json']);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ applied: [{ action: 'update', kind: 'operator' }], failed: null, notApplied: [] });
    const operator: unknown = JSON.parse((await ci(['operators', 'show', 'test-operator', '--json'])).stdout);
    expect(operator).toMatchObject({ version: 2, config: { prompt: 'Classify the feedback as pricing or other.\n' } });
    expect(jsonOf<{ version: number }>((await ci(['services', 'show', 'test-ci', '--json'])).stdout).version).toBe(1);
  });

  it('an attachment removed from the file is detached only with --prune', async () => {
    expect((await ci(['apply', '-f', setup, '--yes'])).code).toBe(0);
    edit(setup, 'operators: [Conversation Summary, Sentiment Analysis, test-operator]', 'operators: [Conversation Summary, test-operator]');
    expect((await planOf()).changes).toBe(0);
    expect((await ci(['apply', '-f', setup, '--yes'])).stdout).toContain('No changes');

    const pruned = await planOf(['--prune']);
    expect(pruned.steps).toEqual([
      expect.objectContaining({
        action: 'detach',
        service: 'test-ci',
        operator: 'Sentiment Analysis',
        operatorSid: 'LY00000000000000000000000000000002',
      }),
    ]);
    expect((await ci(['apply', '-f', setup, '--prune', '--yes'])).code).toBe(0);
    const attached = JSON.parse((await ci(['operators', 'list', '--attached-to', 'test-ci', '--json'])).stdout) as Array<{
      friendlyName: string;
    }>;
    expect(attached.map((operator) => operator.friendlyName)).toEqual(['Conversation Summary', 'test-operator']);
  });

  it('refuses without a terminal and without --yes (exit 2), changing nothing', async () => {
    const refused = await ci(['apply', '-f', setup]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^ci: refusing to apply 5 changes without confirmation: stdin is not a terminal; hint: pass --yes\n$/);
    expect((await planOf()).changes).toBe(5);
  });

  it('export → diff round-trips with no changes', async () => {
    expect((await ci(['apply', '-f', setup, '--yes'])).code).toBe(0);
    expect((await ci(['operators', 'create', '--name', 'Costs ${HOME}', '--prompt', 'Find ${costs}'])).code).toBe(0);
    const exported = await ci(['export']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('prompt: Find $${costs}');
    const roundTrip = await ci(['diff', '-f', '-', '--exit-code'], { stdin: exported.stdout });
    expect(roundTrip).toMatchObject({ code: 0, stderr: '' });
    expect(roundTrip.stdout).toBe('No changes: the account matches <stdin>.\n');

    const json = await ci(['export', '--service', 'test-ci', '--format', 'json']);
    const document = jsonOf<{ services: unknown[]; operators: Array<{ friendlyName: string }> }>(json.stdout);
    expect(document.services).toHaveLength(1);
    expect(document.operators.map((operator) => operator.friendlyName)).toEqual(['test-operator']);
  });

  it('a failure midway reports what was applied and what was not; re-running completes it', async () => {
    // The API takes at most 30 training examples: a rule only the server applies here.
    const examples = Array.from({ length: 31 }, (_, i) => `{input: "call ${i}", output: "x"}`).join(', ');
    writeFileSync(setup, `${readFileSync(setup, 'utf8')}  - friendlyName: too-many-examples\n    prompt: p\n    examples: [${examples}]\n`);
    const failed = await ci(['apply', '-f', setup, '--yes']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      /✓ create operator test-operator \(LY[0-9a-f]{32}\)\n✗ create operator too-many-examples: [^\n]*30 items\n· not applied: create service test-ci/,
    );
    expect(failed.stderr).toMatch(/^ci: [^\n]*30 items \(applied 1 of 6 changes, 5 not applied\)/);

    edit(setup, / {2}- friendlyName: too-many-examples[^]*$/, '');
    const plan = await planOf();
    expect(plan.steps.map((step) => step.action)).toEqual(['create', 'attach', 'attach', 'attach']);
    expect((await ci(['apply', '-f', setup, '--yes'])).code).toBe(0);
    expect((await planOf()).changes).toBe(0);
  });
});

describe('the file format', () => {
  it('ships its JSON Schema, and reports bad files at file:line:column before any request (exit 2)', async () => {
    const schema = await ci(['apply', '--print-schema']);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout)).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      properties: { services: { type: 'array' }, operators: { type: 'array' } },
    });

    edit(setup, 'webhookHttpMethod: POST', 'webhookHttpMethod: PUT');
    const bad = await ci(['diff', '-f', setup]);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe(`ci: ${setup}:14:24: must be one of GET, POST\n`);

    const unset = await ci(['apply', '-f', setup, '--yes'], { env: { CI_WEBHOOK_URL: undefined } });
    expect(unset.stderr).toBe(`ci: ${setup}:13:17: environment variable CI_WEBHOOK_URL is not set (referenced as \${CI_WEBHOOK_URL})\n`);
    expect((await ci(['diff', '-f', join(directory, 'missing.yaml')])).stderr).toMatch(/^ci: cannot read .*missing\.yaml: no such file\n$/);
    expect(emulator.violations).toEqual([]);
  });
});

describe('a concurrent change between plan and apply', () => {
  it('stops with a conflict instead of overwriting', async () => {
    expect((await ci(['apply', '-f', setup, '--yes'])).code).toBe(0);
    writeFileSync(join(directory, 'prompts/feedback.txt'), 'Our prompt.\n');
    const sdk = sdkClient(emulator);
    // On a terminal, apply asks; while it waits, someone else changes the operator.
    const prompter = scriptedPrompter([]);
    prompter.confirm = async () => {
      const operator = defined((await sdk.intelligence.v2.customOperators.list()).find((row) => row.friendlyName === 'test-operator'));
      await sdk.intelligence.v2.customOperators(operator.sid).update({
        friendlyName: 'test-operator',
        config: { ...(operator.config as Record<string, unknown>), prompt: 'Their prompt.' },
        ifMatch: '1',
      });
      return true;
    };
    const conflict = await ci(['apply', '-f', setup], { tty: true, prompter });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/~ update operator test-operator \(LY[0-9a-f]{32}, version 1\)/);
    expect(conflict.stderr).toMatch(
      /ci: conflict: "test-operator" \(LY[0-9a-f]{32}\) is no longer at version 1, someone changed it; nothing was overwritten/,
    );
    const operator = jsonOf<{ config: { prompt: string } }>((await ci(['operators', 'show', 'test-operator', '--json'])).stdout);
    expect(operator.config.prompt).toBe('Their prompt.');
  });

  it('on a service too: the If-Match version is the one the plan was made from', async () => {
    expect((await ci(['apply', '-f', setup, '--yes'])).code).toBe(0);
    edit(setup, 'friendlyName: Test CI', 'friendlyName: Ours');
    const sdk = sdkClient(emulator);
    const prompter = scriptedPrompter([]);
    prompter.confirm = async () => {
      const service = defined((await sdk.intelligence.v2.services.list()).find((row) => row.uniqueName === 'test-ci'));
      await sdk.intelligence.v2.services(service.sid).update({ friendlyName: 'Theirs', ifMatch: '1' });
      return true;
    };
    const conflict = await ci(['apply', '-f', setup], { tty: true, prompter, env: { NO_COLOR: '1' } });
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toMatch(/^✗ update service test-ci \(GA[0-9a-f]{32}, version 1\): conflict: service "test-ci"/m);
    expect(conflict.stderr).toMatch(
      /ci: conflict: service "test-ci" \(GA[0-9a-f]{32}\) is no longer at version 1, someone changed it; nothing was overwritten \(applied 0 of 1 changes, 1 not applied\)/,
    );
    expect(jsonOf<{ friendlyName: string }>((await ci(['services', 'show', 'test-ci', '--json'])).stdout).friendlyName).toBe('Theirs');
  });
});
