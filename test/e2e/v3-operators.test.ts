// `ci operators` on v3 (in-process, real SDK and HTTP, against the emulator): the generation rule, every
// verb, and the bad inputs the issue lists (unknown prompt parameters, over-limit schemas, stale versions).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ci } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { tempDir } from '../support/temp.js';

const SENTIMENT = 'intelligence_operator_00twiliosentiment000000000';
const SCHEMA = { type: 'object', properties: { category: { type: 'string', enum: ['pricing', 'other'] }, emotion: { type: 'string' } } };
const directory = tempDir('ci-v3-operators-');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, contents: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

describe('ci operators on v3', () => {
  const emulator = useTestEmulator();
  const run = (args: string[], extra: Record<string, string> = {}) => ci(args, { env: emulatorEnv(emulator, extra) });
  const json = async (args: string[], extra: Record<string, string> = {}) => {
    const result = await run([...args, '--json'], extra);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown> & Record<string, unknown>[];
  };
  const create = (name: string) => [
    '--generation',
    'v3',
    'operators',
    'create',
    '--name',
    name,
    '--prompt',
    'Classify for {{parameters.team}}.',
    '--parameter',
    'team:STRING=support',
    '--schema',
    file('schema.json', SCHEMA),
    '--example',
    'How much? => {"category":"pricing","emotion":"neutral"}',
  ];

  it('creates, shows (by name, NAME@N, --operator-version), updates with If-Match, lists versions and deletes', async () => {
    const created = await json(create('Category'));
    expect(created).toMatchObject({ displayName: 'Category', version: 1, author: 'SELF', outputFormat: 'JSON' });
    expect(created.parameters).toEqual({ team: { type: 'STRING', default: 'support' } });
    const id = String(created.id);
    // The ID decides the generation: no flag needed.
    expect(await json(['operators', 'show', id])).toMatchObject({ displayName: 'Category' });
    expect(await json(['operators', 'show', 'Category'], { TWILIO_CI_GENERATION: 'v3' })).toMatchObject({ id });

    const updated = await json(['operators', 'update', id, '--description', 'second']);
    expect(updated).toMatchObject({ version: 2, description: 'second', prompt: 'Classify for {{parameters.team}}.' });
    expect(await json(['--generation', 'v3', 'operators', 'show', 'Category@1'])).toMatchObject({
      version: 1,
      description: '',
      status: 'ACTIVE',
    });
    expect(await json(['operators', 'show', id, '--operator-version', '2'])).toMatchObject({ version: 2, description: 'second' });
    const versions = await json(['operators', 'versions', id]);
    expect(versions.map((version) => [version.version, version.status])).toEqual([
      [2, 'ACTIVE'],
      [1, 'ACTIVE'],
    ]);

    const stale = await run(['operators', 'update', id, '--description', 'lost', '--if-match', '1']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`conflict: v3 operator ${id} is no longer at version 1, someone changed it; nothing was overwritten`);

    expect((await run(['operators', 'delete', id, '--yes'])).code).toBe(0);
    expect((await run(['operators', 'show', id])).code).toBe(4);
  });

  it('refuses a display name another operator has (exit 2, naming its ID) unless --allow-duplicate-name', async () => {
    const first = await json(create('Namesake'));
    const again = await run(create('Namesake'));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`an operator named "Namesake" already exists (operator ${String(first.id)} has it)`);
    const twilioName = await run(create('Sentiment Analysis'));
    expect(twilioName.code).toBe(2);
    const second = await json([...create('Namesake'), '--allow-duplicate-name']);
    expect(second.id).not.toBe(first.id);
  });

  it('lists with --author filtered on the client, and classic stays the default', async () => {
    const twilio = await json(['--generation', 'v3', 'operators', 'list', '--author', 'TWILIO']);
    expect(twilio.map((operator) => operator.displayName)).toEqual(['Sentiment Analysis', 'Conversation Summary']);
    const classic = await json(['operators', 'list', '--prebuilt']);
    expect(classic.every((operator) => String(operator.sid).startsWith('LY'))).toBe(true);
  });

  it('refuses bad input locally with exit 2 and one line', async () => {
    const undeclared = await run(['--generation', 'v3', 'operators', 'create', '--name', 'Bad', '--prompt', 'Use {{parameters.tone}}']);
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr.trim()).toBe('ci: invalid v3 operator: the prompt uses {{parameters.tone}}, which no --parameter declares');

    let deep: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 11; level++) deep = { type: 'object', properties: { inner: deep } };
    const tooDeep = await run([
      '--generation',
      'v3',
      'operators',
      'create',
      '--name',
      'Deep',
      '--prompt',
      'p',
      '--schema',
      file('deep.json', deep),
    ]);
    expect(tooDeep.code).toBe(2);
    expect(tooDeep.stderr).toContain('levels deep, at most 10 are supported');

    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 101 }, (_, n) => [`p${n}`, { type: 'string' }])) };
    const tooWide = await run([
      '--generation',
      'v3',
      'operators',
      'create',
      '--name',
      'Wide',
      '--prompt',
      'p',
      '--schema',
      file('wide.json', wide),
    ]);
    expect(tooWide.stderr).toContain('101 properties, at most 100 are supported');

    const badExample = await run([...create('Example'), '--example', 'x => {"category":"refund"}']);
    expect(badExample.code).toBe(2);
    expect(badExample.stderr).toContain('example 2: output /category must be one of ["pricing","other"]');

    const badParameter = await run([
      '--generation',
      'v3',
      'operators',
      'create',
      '--name',
      'P',
      '--prompt',
      'p',
      '--parameter',
      'scale:INTEGER=high',
    ]);
    expect(badParameter.stderr.trim()).toBe('ci: --parameter "scale:INTEGER=high": the default "high" is not an integer');
  });

  it('refuses an ID that contradicts --generation, and flags of the other generation', async () => {
    const contradiction = await run(['--generation', 'classic', 'operators', 'show', SENTIMENT]);
    expect(contradiction.code).toBe(2);
    expect(contradiction.stderr).toContain(`"${SENTIMENT}" is a v3 ID, but --generation classic was given`);
    const foreign = await run(['operators', 'create', '--name', 'X', '--prompt', 'p', '--output-format', 'TEXT']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('--output-format is not for classic (v2) operators');
    const twilio = await run(['operators', 'update', SENTIMENT, '--description', 'mine']);
    expect(twilio.code).toBe(2);
    expect(twilio.stderr).toContain('is a Twilio-authored operator: it cannot be changed');
  });
});
