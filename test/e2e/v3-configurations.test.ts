// `ci configurations` (v3 only), in-process against the emulator: create from flags and a file, show as a
// tree, rules add/remove by position and ID, the local limits, a stale version, the generation rule.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ci } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { tempDir } from '../support/temp.js';

const directory = tempDir('ci-v3-configurations-');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('ci configurations', () => {
  const emulator = useTestEmulator();
  const run = (args: string[]) => ci(args, { env: emulatorEnv(emulator) });
  const json = async (args: string[]) => {
    const result = await run([...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as {
      id: string;
      version: number;
      rules: { id: string; operators: { id: string; version?: number }[]; actions: unknown[] }[];
    };
  };

  it('creates one rule from flags, shows it as a tree, adds and removes operators and rules', async () => {
    const created = await json([
      'configurations',
      'create',
      '--name',
      'post-call',
      '--operator',
      'Sentiment Analysis',
      '--operator',
      'Conversation Summary@1',
      '--webhook',
      'https://example.com/hook',
    ]);
    expect(created.version).toBe(1);
    expect(created.rules[0]?.operators).toEqual([
      { id: 'intelligence_operator_00twiliosentiment000000000' },
      { id: 'intelligence_operator_00twiliosummary00000000000', version: 1 },
    ]);

    const shown = await run(['configurations', 'show', 'post-call']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(
      '    on CONVERSATION_END\n    → Sentiment Analysis@latest\n    → Conversation Summary@1\n    ⇒ WEBHOOK POST https://example.com/hook',
    );

    const added = await json([
      'configurations',
      'rules',
      'add',
      'post-call',
      'new',
      '--operator',
      'Sentiment Analysis',
      '--trigger',
      'COMMUNICATION',
      '--every',
      '3',
    ]);
    expect(added.version).toBe(2);
    expect(added.rules).toHaveLength(2);
    const firstRule = added.rules[0]?.id ?? '';
    const removed = await json(['configurations', 'rules', 'remove', 'post-call', firstRule, '--operator', 'Conversation Summary']);
    expect(removed.rules[0]).toMatchObject({ id: firstRule, operators: [{ id: 'intelligence_operator_00twiliosentiment000000000' }] });

    const last = await run(['configurations', 'rules', 'remove', 'post-call', '1', '--operator', 'Sentiment Analysis']);
    expect(last.code).toBe(2);
    expect(last.stderr).toContain('that would leave rule 1 without operators');
    expect((await json(['configurations', 'rules', 'remove', 'post-call', '2'])).rules).toHaveLength(1);
    expect((await run(['configurations', 'rules', 'remove', 'post-call', '7'])).code).toBe(4);

    expect((await run(['configurations', 'delete', 'post-call', '--yes'])).code).toBe(0);
    expect((await run(['configurations', 'show', 'post-call'])).code).toBe(4);
  });

  it('creates many rules from a file and refuses over-limit rules locally', async () => {
    const file = join(directory, 'many.json');
    const rule = { operators: ['Sentiment Analysis'], actions: [] };
    writeFileSync(file, JSON.stringify({ displayName: 'many', rules: [rule, rule] }));
    expect((await json(['configurations', 'create', '--file', file])).rules).toHaveLength(2);

    writeFileSync(file, JSON.stringify({ displayName: 'too many', rules: Array.from({ length: 6 }, () => rule) }));
    const tooMany = await run(['configurations', 'create', '--file', file]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr.trim()).toBe('ci: invalid configuration: 6 rules, at most 5 are allowed');
    const operators = Array.from({ length: 6 }, () => ['--operator', 'Sentiment Analysis']).flat();
    const crowded = await run(['configurations', 'create', '--name', 'x', ...operators]);
    expect(crowded.stderr.trim()).toBe('ci: invalid configuration: rule 1: 6 operators, at most 5 are allowed');
    const hooks = await run([
      'configurations',
      'create',
      '--name',
      'x',
      '--operator',
      'Sentiment Analysis',
      '--webhook',
      'https://a.example',
      '--webhook',
      'https://b.example',
      '--webhook',
      'https://c.example',
    ]);
    expect(hooks.stderr.trim()).toBe('ci: invalid configuration: rule 1: 3 actions, at most 2 are allowed');
  });

  it('refuses --generation classic for a v3-only noun', async () => {
    const refused = await run(['--generation', 'classic', 'configurations', 'list']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('configurations exist only in Conversational Intelligence v3');
  });
});
