// Questions on a terminal: Ctrl-C at any prompt (real inquirer on fake streams) is `ci: interrupted`,
// exit 130; `ci setup` checks answers as they are given and keeps them on a retry; `ci login` offers
// the API-key path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { IO } from '../../src/lib/context.js';
import type { Choice } from '../../src/lib/prompter.js';
import { inquirerPrompter } from '../../src/lib/prompter.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { fakeProcess } from '../support/fake-process.js';
import { scriptedPrompter } from '../support/fake-prompter.js';
import { tempConfigHome } from '../support/run-ci.js';

const emulator = useTestEmulator();
const directory = mkdtempSync(join(tmpdir(), 'ci-prompts-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const argv = (...args: string[]) => ['node', 'ci', ...args];
const CTRL_C = '\u0003';
const env = () => ({ ...(emulatorEnv(emulator) as Record<string, string>), XDG_CONFIG_HOME: tempConfigHome() });

function file(name: string, contents: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

describe('Ctrl-C at a prompt', () => {
  it.each([
    ['login', ['login']],
    ['setup', ['setup']],
    ['a delete confirmation', ['services', 'delete', 'doomed']],
  ])('ends %s with "ci: interrupted" and exit 130', async (_what, args) => {
    if (args[0] === 'services')
      expect(await main(argv('services', 'create', '--unique-name', 'doomed'), fakeProcess({ env: env() }))).toBe(0);
    const proc = fakeProcess({ tty: true, env: env(), stdin: CTRL_C });
    const code = await main(argv(...args), proc);
    expect(proc.err()).toMatch(/ci: interrupted\n$/);
    expect(proc.err()).not.toContain('force closed');
    expect(code).toBe(130);
  });

  it('is an InterruptedError from the prompter itself, whose questions are sanitised', async () => {
    const proc = fakeProcess({ tty: true, stdin: CTRL_C });
    const io: IO = {
      stdout: proc.stdout,
      stderr: proc.stderr,
      stdin: proc.stdin,
      stdoutIsTTY: true,
      stderrIsTTY: true,
      stdinIsTTY: true,
      color: false,
      columns: 80,
    };
    const prompter = await inquirerPrompter(io);
    await expect(prompter.confirm('Delete service \u001b]0;PWNED\u0007?')).rejects.toMatchObject({
      name: 'InterruptedError',
      exitCode: 130,
    });
    // inquirer draws with escapes of its own; the name from the API is shown inert.
    expect(proc.err()).toContain('Delete service ^[]0;PWNED^G?');
    expect(proc.err()).not.toContain('\u001b]0;PWNED');
  });
});

const SCHEMA = { type: 'object', properties: { category: { type: 'string' } }, required: ['category'] };

/** Takes the question's default, as pressing Enter does, and remembers it. */
const acceptDefault = (seen: unknown[]) => (options: { default?: string }) => {
  seen.push(options.default);
  return options.default;
};

/** The service questions of `ci setup`, up to the choice of pre-built operators (kept as pre-selected). */
function serviceAnswers(uniqueName: string, offered: { choices?: Choice<{ friendlyName: string }>[] } = {}): unknown[] {
  return [
    uniqueName,
    'en-US',
    false, // auto-transcribe
    false, // redaction
    '', // no webhook
    (choices: Choice<{ friendlyName: string }>[]) => {
      offered.choices = choices;
      return choices.filter((choice) => choice.checked).map((choice) => choice.value);
    },
  ];
}

describe('ci setup', () => {
  it('asks again at once for a schema file that does not exist or is not a result schema, and offers operators by name', async () => {
    const offered: { choices?: Choice<{ friendlyName: string }>[] } = {};
    const prompter = scriptedPrompter([
      ...serviceAnswers('prompt-checks', offered),
      true, // a generative operator
      'Category',
      'inline',
      'Say which category the call is about.',
      join(directory, 'missing.json'), // refused at once
      file('string.schema.json', { type: 'string' }), // refused at once
      file('good.schema.json', SCHEMA),
      '', // type the examples
      'I was charged twice',
      '{"category":"billing"}',
      '', // done
      true, // create all of this
    ]);
    const proc = fakeProcess({ tty: true, env: env() });
    const code = await main(argv('setup', '--json'), proc, { prompter: () => Promise.resolve(prompter) });
    expect(proc.err()).not.toContain('not valid');
    expect(code).toBe(0);
    expect(prompter.refused).toEqual([
      expect.stringMatching(/^JSON Schema file .*: .*missing\.json: cannot read it \(no such file\)$/),
      expect.stringMatching(/^JSON Schema file .*: schema: the root "type" must be "object"/),
    ]);
    const names = offered.choices?.map((choice) => choice.name) ?? [];
    expect(names).toContain('Conversation Summary');
    expect(names.every((name) => !name.includes(' — '))).toBe(true);
    expect(offered.choices?.some((choice) => choice.description)).toBe(true);
  });

  it('keeps the earlier answers when the operator is tried again', async () => {
    const defaults: unknown[] = [];
    const schema = file('retry.schema.json', SCHEMA);
    const prompter = scriptedPrompter([
      ...serviceAnswers('prompt-retry'),
      true,
      'Retry category',
      'inline',
      'Say which category.',
      schema,
      '',
      'I was charged twice',
      '{"topic":"billing"}', // does not match the schema: the operator is not valid
      '',
      true, // try again
      acceptDefault(defaults), // name
      'inline',
      acceptDefault(defaults), // prompt
      acceptDefault(defaults), // schema file
      '', // examples file
      false, // do not keep the example typed before
      'I was charged twice',
      '{"category":"billing"}',
      '',
      true, // create all of this
    ]);
    const proc = fakeProcess({ tty: true, env: env() });
    const code = await main(argv('setup', '--json'), proc, { prompter: () => Promise.resolve(prompter) });
    expect(proc.err()).toMatch(/warning: the operator is not valid: example 1: output .*category/);
    expect(code).toBe(0);
    expect(defaults).toEqual(['Retry category', 'Say which category.', schema]);
    expect(prompter.asked).toContain('Keep the example typed before?');
    expect((JSON.parse(proc.out()) as { customOperatorSid?: string }).customOperatorSid).toMatch(/^LY[0-9a-f]{32}$/);
  });
});

describe('ci login', () => {
  it('signs in with an API key and its secret', async () => {
    const home = { XDG_CONFIG_HOME: tempConfigHome() };
    const prompter = scriptedPrompter([emulator.accountSid, 'apiKey', 'SK12', emulator.apiKeySid, '', emulator.apiKeySecret]);
    const proc = fakeProcess({ tty: true, env: home });
    expect(await main(argv('--api-url', emulator.url, 'login', 'keyed'), proc, { prompter: () => Promise.resolve(prompter) })).toBe(0);
    expect(prompter.asked).toEqual(['Account SID', 'Sign in with', 'API key SID', 'API key secret']);
    expect(prompter.refused).toEqual(['API key SID: SK followed by 32 hex characters', 'API key secret: the API key secret is required']);
    const list = fakeProcess({ env: home });
    expect(await main(argv('profiles', 'list', '--json'), list)).toBe(0);
    expect(JSON.parse(list.out())).toEqual([
      expect.objectContaining({ name: 'keyed', active: true, auth: `api key ${emulator.apiKeySid}` }),
    ]);
    expect(list.out()).not.toContain(emulator.apiKeySecret);
  });
});
