// `ci apply` / `ci diff` / `ci export` with the `v3:` section, in-process against a fresh emulator per
// test: a v3 pipeline (an operator from files, a configuration whose rule names it and a Twilio operator,
// a webhook from ${VAR}, a conversation configuration running it) planned in dependency order, applied,
// round-tripped, pruned; bad files with their places; names that two operators share.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import * as cli from '../support/cli.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { scriptedPrompter } from '../support/fake-prompter.js';
import { sdkClient } from '../support/sdk.js';
import { tempDir } from '../support/temp.js';

const SEED = fileURLToPath(new URL('../../examples/seed', import.meta.url));
const WEBHOOK = 'https://example.com/rule-hook';
const SENTIMENT = 'intelligence_operator_00twiliosentiment000000000';

let emulator: TestEmulator;
let directory: string;
let file: string;

const PIPELINE = [
  'v3:',
  '  operators:',
  '    - displayName: category-emotion',
  '      description: the seed operator on v3',
  '      promptFile: prompts/feedback.txt',
  '      schemaFile: schemas/feedback.json',
  '      examplesFile: examples/feedback.json',
  '  configurations:',
  '    - displayName: post-call',
  '      rules:',
  '        - operators: [category-emotion, Sentiment Analysis@1]',
  '          triggers: [{on: CONVERSATION_END}]',
  '          actions: [{url: "${RULE_WEBHOOK}"}]',
  '',
].join('\n');

/** The same pipeline with a conversation configuration that runs the intelligence configuration. */
const CONVERSATIONS = [
  '  conversationConfigurations:',
  '    - displayName: support',
  '      description: the support line',
  '      intelligenceConfigurations: [post-call]',
  '      statusCallbacks: [{url: "https://example.com/status"}]',
  '',
].join('\n');
const WHOLE = PIPELINE + CONVERSATIONS;

beforeEach(async () => {
  emulator = await startTestEmulator();
  directory = tempDir('ci-apply-v3-');
  cpSync(SEED, directory, { recursive: true });
  file = join(directory, 'pipeline.yaml');
  writeFileSync(file, PIPELINE);
});
afterEach(async () => {
  await emulator.close();
  rmSync(directory, { recursive: true, force: true });
  expect(emulator.violations).toEqual([]);
});

const ci = (args: string[], options: cli.InProcessOptions = {}) =>
  cli.ci(args, { ...options, env: { ...emulatorEnv(emulator), RULE_WEBHOOK: WEBHOOK, ...options.env } });

interface Plan {
  changes: number;
  steps: Array<{ action: string; kind: string; name: string; id?: string; changes?: Array<{ field: string; from: unknown; to: unknown }> }>;
}

async function planOf(args: string[] = [], target = file): Promise<Plan> {
  const diff = await ci(['diff', '-f', target, '--json', ...args]);
  expect(diff.stderr).toBe('');
  return JSON.parse(diff.stdout) as Plan;
}

const summary = (plan: Plan) => plan.steps.map((step) => `${step.action} ${step.kind} ${step.name}`);

async function applied(args: string[] = []) {
  const result = await ci(['apply', '-f', file, '--yes', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result;
}

async function roundTrip() {
  const exported = await ci(['export']);
  expect(exported.code).toBe(0);
  const diff = await ci(['diff', '-f', '-', '--exit-code', '--prune'], { stdin: exported.stdout });
  expect(diff.stdout).toBe('No changes: the account matches <stdin>.\n');
  expect(diff.code).toBe(0);
  return exported.stdout;
}

describe('ci apply with v3 operators and configurations', () => {
  it('creates the operator before the configuration that uses it; the account then matches, and its export round-trips', async () => {
    expect(summary(await planOf())).toEqual(['create v3-operator category-emotion', 'create configuration post-call']);
    const result = await applied();
    expect(result.stdout).toMatch(/^✓ create v3 operator category-emotion \(intelligence_operator_[0-9a-z]{26}\)$/m);
    expect(result.stdout).toMatch(/^✓ create configuration post-call \(intelligence_configuration_[0-9a-z]{26}\)$/m);

    const operator = JSON.parse((await ci(['--generation', 'v3', 'operators', 'show', 'category-emotion', '--json'])).stdout) as {
      id: string;
      outputFormat: string;
      trainingExamples: unknown[];
    };
    expect(operator).toMatchObject({ outputFormat: 'JSON', trainingExamples: [expect.anything(), expect.anything()] });
    const configuration = JSON.parse((await ci(['configurations', 'show', 'post-call', '--json'])).stdout) as {
      rules: Array<{ operators: unknown[]; triggers: unknown[]; actions: unknown[] }>;
    };
    expect(configuration.rules).toMatchObject([
      {
        operators: [{ id: operator.id }, { id: SENTIMENT, version: 1 }],
        triggers: [{ on: 'CONVERSATION_END' }],
        actions: [{ type: 'WEBHOOK', method: 'POST', url: WEBHOOK }],
      },
    ]);

    expect((await planOf()).changes).toBe(0);
    const exported = await roundTrip();
    expect(exported).toContain('displayName: category-emotion');
    expect(exported).toContain('- category-emotion\n');
    expect(exported).toContain('- Sentiment Analysis@1\n');
    // The exported file applies to a fresh account as it is: the same plan as the original file.
    const copy = join(directory, 'exported.yaml');
    writeFileSync(copy, exported);
    await emulator.close();
    emulator = await startTestEmulator();
    expect(summary(await planOf([], copy))).toEqual(['create v3-operator category-emotion', 'create configuration post-call']);
  });

  it('a changed prompt updates the operator with If-Match, shown as a line diff; the rule keeps its ID', async () => {
    await applied();
    const before = JSON.parse((await ci(['configurations', 'show', 'post-call', '--json'])).stdout) as { rules: Array<{ id: string }> };
    writeFileSync(join(directory, 'prompts/feedback.txt'), 'Classify the feedback.\nAnswer in JSON.\n');
    const diff = await ci(['diff', '-f', file]);
    expect(diff.stdout).toMatch(/~ update v3 operator category-emotion \(intelligence_operator_[0-9a-z]{26}, version 1\)\n {4}prompt:\n/);
    expect(diff.stdout).toContain('\n      + Classify the feedback.\n      + Answer in JSON.\n');

    writeFileSync(file, PIPELINE.replace('Sentiment Analysis@1', 'Sentiment Analysis'));
    expect(summary(await planOf())).toEqual(['update v3-operator category-emotion', 'update configuration post-call']);
    await applied();
    const operator = JSON.parse((await ci(['--generation', 'v3', 'operators', 'show', 'category-emotion', '--json'])).stdout) as {
      version: number;
      prompt: string;
    };
    expect(operator).toMatchObject({ version: 2, prompt: 'Classify the feedback.\nAnswer in JSON.\n' });
    const after = JSON.parse((await ci(['configurations', 'show', 'post-call', '--json'])).stdout) as {
      version: number;
      rules: Array<{ id: string; operators: unknown[] }>;
    };
    expect(after.version).toBe(2);
    expect(after.rules[0]?.id).toBe(before.rules[0]?.id);
    expect(after.rules[0]?.operators[1]).toEqual({ id: SENTIMENT });
    expect((await planOf()).changes).toBe(0);
  });

  it('stops with a conflict when someone changes the operator or the configuration between plan and apply', async () => {
    await applied();
    writeFileSync(join(directory, 'prompts/feedback.txt'), 'Our prompt.\n');
    const sdk = sdkClient(emulator);
    const prompter = scriptedPrompter([]);
    prompter.confirm = async () => {
      const [operator] = (await sdk.intelligence.v3.operators.list()).filter((row) => row.displayName === 'category-emotion');
      await sdk.intelligence.v3
        .operators(operator?.id ?? '')
        .update({ displayName: 'category-emotion', prompt: 'Their prompt.', outputFormat: 'TEXT' });
      return true;
    };
    const conflict = await ci(['apply', '-f', file], { tty: true, prompter });
    expect(conflict.stderr).toMatch(
      /ci: conflict: v3 operator intelligence_operator_[0-9a-z]{26} is no longer at version 1, someone changed it; nothing was overwritten/,
    );
    expect(conflict.code).toBe(1);
    const operator = JSON.parse((await ci(['--generation', 'v3', 'operators', 'show', 'category-emotion', '--json'])).stdout) as {
      prompt: string;
    };
    expect(operator.prompt).toBe('Their prompt.');

    writeFileSync(
      file,
      PIPELINE.replace('Sentiment Analysis@1', 'Sentiment Analysis')
        .replace('promptFile: prompts/feedback.txt', 'prompt: Their prompt.')
        .replace('      schemaFile: schemas/feedback.json\n      examplesFile: examples/feedback.json\n', '      outputFormat: TEXT\n'),
    );
    prompter.confirm = async () => {
      const [configuration] = await sdk.intelligence.v3.configurations.list();
      await sdk.intelligence.v3.configurations(configuration?.id ?? '').update({ displayName: 'post-call', rules: [] });
      return true;
    };
    const moved = await ci(['apply', '-f', file], { tty: true, prompter });
    expect(moved.stderr).toMatch(
      /ci: conflict: configuration intelligence_configuration_[0-9a-z]{26} is no longer at version 1 \(now 2\); nothing was changed/,
    );
    expect(moved.code).toBe(1);
  });

  it('round-trips what the API has beyond the basics: parameters, context, rule parameter values and rule context', async () => {
    const sdk = sdkClient(emulator);
    const operator = await sdk.intelligence.v3.operators.create({
      displayName: 'Scaled score',
      description: 'a score',
      prompt: 'Rate the call from 0 to {{parameters.scale}} in a {{parameters.tone}} tone.',
      outputFormat: 'TEXT',
      parameters: { scale: { type: 'INTEGER', required: true, description: 'the top' }, tone: { type: 'STRING', default: 'plain' } },
    });
    await sdk.intelligence.v3.configurations.create({
      displayName: 'scored',
      description: 'scores calls',
      rules: [
        {
          operators: [{ id: operator.id ?? '', version: 1, parameters: { scale: 5 } as unknown as Record<string, object> }],
          triggers: [{ on: 'COMMUNICATION', parameters: { count: 3 } }],
          actions: [{ type: 'WEBHOOK', method: 'POST', url: WEBHOOK }],
        },
      ],
    });
    const exported = await roundTrip();
    expect(exported).toContain('operator: Scaled score');
    expect(exported).toContain('description: the top');
  });

  it('--prune deletes configurations before the operators they used, and only kinds the file lists', async () => {
    await applied();
    writeFileSync(file, 'v3:\n  operators: []\n');
    expect((await planOf()).changes).toBe(0);
    // The file lists no configurations: prune leaves them alone, and deletes the operator only.
    expect(summary(await planOf(['--prune']))).toEqual(['delete v3-operator category-emotion']);
    writeFileSync(file, 'v3:\n  operators: []\n  configurations: []\n');
    expect(summary(await planOf(['--prune']))).toEqual(['delete configuration post-call', 'delete v3-operator category-emotion']);
    await applied(['--prune']);
    const exported = await ci(['export', '--format', 'json']);
    expect(JSON.parse(exported.stdout)).toEqual({ services: [], operators: [] });
  });

  it('refuses bad v3 items with their file:line:column (exit 2)', async () => {
    const cases: Array<[string, RegExp]> = [
      [PIPELINE.replace('      description:', '      colour: blue\n      description:'), /pipeline\.yaml:4:7: unknown key "colour"/],
      [
        PIPELINE.replace('Sentiment Analysis@1', 'Nobody'),
        /pipeline\.yaml:11:41: no v3 operator named "Nobody" in the file or the account/,
      ],
      [PIPELINE.replace('{on: CONVERSATION_END}', '{on: SOMETIMES}'), /pipeline\.yaml:12:27: must be one of/],
      [PIPELINE.replace('"${RULE_WEBHOOK}"', 'ftp://example.com'), /pipeline\.yaml:13:27: ftp:\/\/example\.com is not an http\(s\) URL/],
      [
        PIPELINE.replace('      promptFile: prompts/feedback.txt', '      prompt: "Rate {{parameters.scale}}"'),
        /pipeline\.yaml:3:7: v3 operator "category-emotion": the prompt uses \{\{parameters\.scale\}\}/,
      ],
    ];
    for (const [text, message] of cases) {
      writeFileSync(file, text);
      const result = await ci(['diff', '-f', file]);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(result.code).toBe(2);
    }
  });

  it('refuses to create an operator named like an existing one unless --allow-duplicate-name', async () => {
    writeFileSync(file, PIPELINE.replaceAll('category-emotion', 'Conversation Summary'));
    const refused = await ci(['apply', '-f', file, '--yes']);
    expect(refused.stderr).toMatch(
      /^ci: \S*pipeline\.yaml:3:7: an operator named "Conversation Summary" already exists \(operator intelligence_operator_00twiliosummary00000000000 has it\)/,
    );
    expect(refused.stderr).toContain('--allow-duplicate-name');
    expect(refused.code).toBe(2);
    writeFileSync(
      file,
      PIPELINE.replace('displayName: category-emotion', 'displayName: Conversation Summary').replace('category-emotion, ', ''),
    );
    await applied(['--allow-duplicate-name']);
    // Once made, the file's item is the account's own operator of that name: nothing more to do.
    expect((await planOf()).changes).toBe(0);
  });
});

describe('names that two operators share (made outside ci)', () => {
  it('classic: export writes the SID beside each namesake, diff accepts it, and a by-name file is refused naming both SIDs', async () => {
    const sdk = sdkClient(emulator);
    const create = (prompt: string) =>
      sdk.intelligence.v2.customOperators.create({ friendlyName: 'Twin', operatorType: 'Generative', config: { prompt, examples: [] } });
    const [first, second] = [await create('First.'), await create('Second.')];
    const exported = await roundTrip();
    expect(exported).toContain(`sid: ${first.sid}`);
    expect(exported).toContain(`sid: ${second.sid}`);

    writeFileSync(file, 'operators:\n  - friendlyName: Twin\n    prompt: Third.\n');
    const refused = await ci(['diff', '-f', file]);
    expect(refused.stderr).toContain(`pipeline.yaml:2:5: operator "Twin" matches 2 custom operators (${first.sid}, ${second.sid})`);
    expect(refused.code).toBe(2);
    writeFileSync(file, `operators:\n  - friendlyName: Twin\n    sid: ${second.sid}\n    prompt: Third.\n`);
    const plan = await planOf();
    expect(plan.steps).toMatchObject([{ action: 'update', kind: 'operator', sid: second.sid }]);
    // Pruning with one namesake in the file deletes the other, not both or neither.
    expect((await planOf(['--prune'])).steps).toMatchObject([
      { action: 'update', sid: second.sid },
      { action: 'delete', kind: 'operator', sid: first.sid },
    ]);
  });

  it('v3: export writes the ID beside each namesake and names them by ID in rules; diff accepts it', async () => {
    const sdk = sdkClient(emulator);
    const create = (prompt: string) => sdk.intelligence.v3.operators.create({ displayName: 'Twin', prompt, outputFormat: 'TEXT' });
    const [first, second] = [await create('First.'), await create('Second.')];
    await sdk.intelligence.v3.configurations.create({
      displayName: 'uses-twin',
      rules: [{ operators: [{ id: second.id ?? '' }], triggers: [{ on: 'CONVERSATION_END' }], actions: [] }],
    });
    const exported = await roundTrip();
    expect(exported).toContain(`id: ${first.id}`);
    expect(exported).toContain(`- ${second.id}\n`);

    writeFileSync(file, 'v3:\n  operators:\n    - displayName: Twin\n      prompt: Third.\n');
    const refused = await ci(['diff', '-f', file]);
    expect(refused.stderr).toContain(`pipeline.yaml:3:7: v3 operator name "Twin" is shared by ${first.id}, ${second.id}`);
    expect(refused.code).toBe(2);
  });
});

describe('ci apply with conversation configurations', () => {
  interface ConversationConfiguration {
    id: string;
    version: number;
    memoryStoreId: string;
    intelligenceConfigurationIds: string[];
    statusCallbacks?: unknown[];
    conversationGroupingType: string;
    channelSettings?: unknown;
  }
  const showConversationConfiguration = async (name: string) =>
    JSON.parse(
      (await ci(['--generation', 'v3', 'conversations', 'configurations', 'show', name, '--json'])).stdout,
    ) as ConversationConfiguration;
  const intelligenceId = async (name: string) =>
    (JSON.parse((await ci(['configurations', 'show', name, '--json'])).stdout) as { id: string }).id;

  it('creates it after the intelligence configuration it runs, with ci-conversations as its store; a rerun plans nothing', async () => {
    writeFileSync(file, WHOLE);
    const plan = await planOf();
    expect(summary(plan)).toEqual([
      'create v3-operator category-emotion',
      'create configuration post-call',
      'create conversation-configuration support',
    ]);
    expect(plan.steps[2]?.changes).toEqual([
      { field: 'displayName', from: null, to: 'support' },
      { field: 'description', from: null, to: 'the support line' },
      { field: 'statusCallbacks', from: null, to: [{ url: 'https://example.com/status', method: 'POST' }] },
      { field: 'memoryStore', from: null, to: 'ci-conversations (to be created)' },
      { field: 'intelligenceConfigurations', from: null, to: ['post-call'] },
    ]);
    const result = await applied();
    expect(result.stdout).toMatch(/^\+ create conversation configuration support\n {4}displayName: "support"\n/m);
    expect(result.stdout).toMatch(/^✓ create conversation configuration support \(conv_configuration_[0-9a-z]{26}\)$/m);

    const configuration = await showConversationConfiguration('support');
    expect(configuration.intelligenceConfigurationIds).toEqual([await intelligenceId('post-call')]);
    expect(configuration.statusCallbacks).toEqual([{ url: 'https://example.com/status', method: 'POST' }]);
    const stores = JSON.parse((await ci(['memory', 'stores', 'list', '--json'])).stdout) as Array<{ id: string; displayName: string }>;
    expect(stores).toMatchObject([{ id: configuration.memoryStoreId, displayName: 'ci-conversations' }]);

    expect((await planOf()).changes).toBe(0);
  });

  it('exports it so the round trip is empty, and the export applies to a fresh account as the file does', async () => {
    writeFileSync(file, WHOLE);
    const plan = await planOf();
    await applied();
    const exported = await roundTrip();
    expect(exported).toContain('conversationConfigurations:\n    - displayName: support\n');
    expect(exported).toContain('intelligenceConfigurations:\n        - post-call\n');
    // ci's own store is the one a new configuration gets anyway: left out, so the file applies elsewhere as it is.
    expect(exported).not.toContain('memoryStoreId');
    const copy = join(directory, 'exported.yaml');
    writeFileSync(copy, exported);
    await emulator.close();
    emulator = await startTestEmulator();
    expect(summary(await planOf([], copy))).toEqual(summary(plan));
  });

  it('updates only the fields that change, in the file’s terms, running an intelligence configuration the same apply creates', async () => {
    writeFileSync(file, WHOLE);
    await applied();
    const realtime = [
      '    - displayName: realtime',
      '      rules: [{operators: [Sentiment Analysis], triggers: [{on: COMMUNICATION, parameters: {count: 2}}]}]',
      '',
    ].join('\n');
    writeFileSync(
      file,
      (PIPELINE + realtime + CONVERSATIONS)
        .replace('the support line', 'support calls')
        .replace('[post-call]', '[post-call, realtime]\n      conversationGroupingType: GROUP_BY_PROFILE')
        .concat('      channelSettings: {VOICE: {statusTimeouts: {inactive: 5, closed: 30}}}\n'),
    );
    const plan = await planOf();
    expect(summary(plan)).toEqual(['create configuration realtime', 'update conversation-configuration support']);
    expect(plan.steps[1]?.changes).toEqual([
      { field: 'description', from: 'the support line', to: 'support calls' },
      { field: 'conversationGroupingType', from: 'GROUP_BY_PARTICIPANT_ADDRESSES', to: 'GROUP_BY_PROFILE' },
      { field: 'channelSettings.VOICE', from: null, to: { statusTimeouts: { inactive: 5, closed: 30 } } },
      { field: 'intelligenceConfigurations', from: ['post-call'], to: ['post-call', 'realtime'] },
    ]);
    const diff = await ci(['diff', '-f', file]);
    expect(diff.stdout).toMatch(
      /^~ update conversation configuration support \(conv_configuration_[0-9a-z]{26}, version 1\)\n {4}description: "the support line" → "support calls"\n/m,
    );
    await applied();
    const configuration = await showConversationConfiguration('support');
    expect(configuration).toMatchObject({
      version: 2,
      conversationGroupingType: 'GROUP_BY_PROFILE',
      intelligenceConfigurationIds: [await intelligenceId('post-call'), await intelligenceId('realtime')],
      statusCallbacks: [{ url: 'https://example.com/status', method: 'POST' }],
    });
    expect((await planOf()).changes).toBe(0);
    await roundTrip();
  });

  it('stops with a conflict when someone changes the conversation configuration between plan and apply', async () => {
    writeFileSync(file, WHOLE);
    await applied();
    writeFileSync(file, WHOLE.replace('the support line', 'ours'));
    const sdk = sdkClient(emulator);
    const prompter = scriptedPrompter([]);
    prompter.confirm = async () => {
      const { id } = await showConversationConfiguration('support');
      await sdk.conversations.v2.configurations(id).patch({ description: 'theirs' });
      return true;
    };
    const conflict = await ci(['apply', '-f', file], { tty: true, prompter });
    expect(conflict.stderr).toMatch(
      /ci: conflict: conversation configuration conv_configuration_[0-9a-z]{26} is no longer at version 1 \(now 2\); nothing was changed/,
    );
    expect(conflict.code).toBe(1);
    expect((await showConversationConfiguration('support')) as unknown).toMatchObject({ description: 'theirs' });
  });

  it('--prune deletes conversation configurations before the intelligence configurations they run', async () => {
    writeFileSync(file, WHOLE);
    await applied();
    writeFileSync(file, 'v3:\n  operators: []\n  configurations: []\n');
    // The file lists no conversation configurations: the one running post-call would be left running nothing.
    const refused = await ci(['diff', '-f', file, '--prune']);
    expect(refused.stderr).toMatch(
      /^ci: --prune would delete intelligence configuration "post-call", which conversation configuration "support" \(conv_configuration_[0-9a-z]{26}\) runs; hint: add the conversation configuration to v3\.conversationConfigurations/,
    );
    expect(refused.code).toBe(2);
    writeFileSync(file, 'v3:\n  operators: []\n  configurations: []\n  conversationConfigurations: []\n');
    expect(summary(await planOf(['--prune']))).toEqual([
      'delete conversation-configuration support',
      'delete configuration post-call',
      'delete v3-operator category-emotion',
    ]);
    await applied(['--prune']);
    const exported = await ci(['export', '--format', 'json']);
    expect(JSON.parse(exported.stdout)).toEqual({ services: [], operators: [] });
  });

  it('refuses to prune an intelligence configuration a conversation configuration of the file still runs', async () => {
    writeFileSync(file, WHOLE);
    await applied();
    const keepsRunning = 'v3:\n  configurations: []\n  conversationConfigurations:\n    - displayName: support\n';
    for (const text of [keepsRunning, `${keepsRunning}      intelligenceConfigurations: [post-call]\n`]) {
      writeFileSync(file, text);
      const refused = await ci(['diff', '-f', file, '--prune']);
      expect(refused.stderr).toMatch(
        /pipeline\.yaml:(4:7|5:36): intelligence configuration "post-call" is not in the file's configurations, so --prune would delete it/,
      );
      expect(refused.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(refused.code).toBe(2);
    }
  });

  it('refuses bad conversation configuration items with their file:line:column (exit 2)', async () => {
    const cases: Array<[string, RegExp]> = [
      [
        WHOLE.replace('[post-call]', '[post-call, Nobody]'),
        /^ci: \S*pipeline\.yaml:17:47: no intelligence configuration named "Nobody" in the file or the account; hint: see `ci configurations list`\n$/,
      ],
      [
        WHOLE.replace('[post-call]', '[intelligence_configuration_01aaaaaaaaaaaaaaaaaaaaaaaa]'),
        /^ci: \S*pipeline\.yaml:17:36: no intelligence configuration intelligence_configuration_01a+ in this account;/,
      ],
      [
        `${WHOLE}      memoryStoreId: mem_store_01aaaaaaaaaaaaaaaaaaaaaaaa\n`,
        /^ci: \S*pipeline\.yaml:19:22: no memory store mem_store_01a+ in this account;/,
      ],
      [
        WHOLE.replace('https://example.com/status', 'ftp://example.com'),
        /^ci: \S*pipeline\.yaml:18:31: ftp:\/\/example\.com is not an http\(s\) URL\n$/,
      ],
      [WHOLE.replace('displayName: support', 'displayName: support!'), /^ci: \S*pipeline\.yaml:15:20: displayName must match pattern/],
      [
        `${WHOLE}      channelSettings: {VIDEO: {}}\n`,
        /^ci: \S*pipeline\.yaml:19:25: unknown key "VIDEO" \(known: VOICE, SMS, RCS, WHATSAPP, CHAT\)\n$/,
      ],
    ];
    for (const [text, message] of cases) {
      writeFileSync(file, text);
      const result = await ci(['diff', '-f', file]);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(result.code).toBe(2);
    }
  });

  it('round-trips what the API has beyond the basics: its own store, channel settings, GET callbacks, a bridge, namesakes by ID', async () => {
    const sdk = sdkClient(emulator);
    const store = JSON.parse((await ci(['memory', 'stores', 'create', '--name', 'support', '--json'])).stdout) as { id: string };
    const twin = () => sdk.intelligence.v3.configurations.create({ displayName: 'twin', rules: [] });
    const [, second] = [await twin(), await twin()];
    await sdk.conversations.v2.configurations.create({
      displayName: 'chats',
      description: 'chat line',
      conversationGroupingType: 'GROUP_BY_PROFILE',
      memoryStoreId: store.id,
      channelSettings: {
        CHAT: { statusTimeouts: { inactive: 5, closed: 30 }, captureRules: [{ from: '*', to: '*', metadata: { k: 'v' } }] },
      },
      statusCallbacks: [{ url: 'https://example.com/status', method: 'GET' }],
      intelligenceConfigurationIds: [second.id ?? ''],
      memoryExtractionEnabled: true,
      conversationsV1Bridge: { serviceId: `IS${'0'.repeat(32)}` },
    });
    const exported = await roundTrip();
    expect(exported).toContain(`memoryStoreId: ${store.id}`);
    expect(exported).toContain(`- ${second.id}\n`);
    expect(exported).toContain('memoryExtractionEnabled: true');
  });
});
