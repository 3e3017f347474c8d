// `ci setup` in-process on a fake terminal with a scripted prompter, against the emulator; and its
// refusal without a terminal, through bin/ci.js.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { Choice } from '../../src/lib/prompter.js';
import { setupCommands, shellQuote } from '../../src/lib/setup.js';
import { emulatorEnv } from '../support/ci-env.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { fakeProcess } from '../support/fake-process.js';
import { scriptedPrompter } from '../support/fake-prompter.js';
import { ci } from '../support/cli.js';
import { tempConfigHome } from '../support/run-ci.js';
import { jsonOf } from '../support/json.js';
import { tempDir } from '../support/temp.js';

let emulator: TestEmulator;
let env: Record<string, string>;
const directory = tempDir('ci-setup-');

beforeAll(async () => {
  emulator = await startTestEmulator();
  env = { ...(emulatorEnv(emulator) as Record<string, string>), XDG_CONFIG_HOME: tempConfigHome() };
});
afterAll(async () => {
  await emulator.close();
  rmSync(directory, { recursive: true, force: true });
  expect(emulator.violations).toEqual([]);
});

const argv = (...args: string[]) => ['node', 'ci', ...args];
const SEED_PROMPT = 'この会話は顧客からの製品に関する問合せです。';

/** Keeps the pre-selected choices, and remembers what was offered. */
function keepChecked(seen: { offered?: Choice<{ friendlyName: string }>[] }) {
  return (choices: Choice<{ friendlyName: string }>[]) => {
    seen.offered = choices;
    return choices.filter((choice) => choice.checked).map((choice) => choice.value);
  };
}

describe('ci setup', () => {
  it("walks through the seed's Console steps and prints the equivalent commands", async () => {
    const schema = join(directory, 'feedback.schema.json');
    writeFileSync(schema, JSON.stringify({ type: 'object', properties: { category: { type: 'string' }, emotion: { type: 'string' } } }));
    const seen: { offered?: Choice<{ friendlyName: string }>[] } = {};
    const prompter = scriptedPrompter([
      'test-ci', // unique name
      'en-US', // language
      false, // auto-transcribe
      false, // redaction
      'https://example.com/ci-webhook', // webhook
      'POST',
      keepChecked(seen),
      true, // a generative operator
      'Feedback category and emotion',
      'editor',
      `${SEED_PROMPT}\n`,
      schema,
      '', // no examples file: type them
      'How much your product?',
      '{"category":"pricing","emotion":"neutral"}',
      'We cannot find your products.',
      '{"category":"other","emotion":"negative"}',
      '', // done with examples
      true, // create all of this
    ]);
    const proc = fakeProcess({ tty: true, env });
    const code = await main(argv('setup', '--json'), proc, { prompter: () => Promise.resolve(prompter) });
    expect(proc.err()).toContain('Pre-built operators: Conversation Summary, Sentiment Analysis');
    expect(code).toBe(0);
    expect(seen.offered?.filter((choice) => choice.checked).map((choice) => choice.value.friendlyName)).toEqual([
      'Conversation Summary',
      'Sentiment Analysis',
    ]);
    expect(seen.offered?.length).toBeGreaterThan(2);

    const outcome = jsonOf<{ serviceSid: string; attachedOperatorSids: string[]; customOperatorSid: string; commands: string[] }>(
      proc.out(),
    );
    expect(outcome.serviceSid).toMatch(/^GA[0-9a-f]{32}$/);
    expect(outcome.attachedOperatorSids).toEqual([
      'LY00000000000000000000000000000001',
      'LY00000000000000000000000000000002',
      outcome.customOperatorSid,
    ]);
    expect(outcome.commands).toEqual([
      'ci services create --unique-name test-ci --language-code en-US --no-auto-transcribe --webhook-url https://example.com/ci-webhook --webhook-method POST',
      "ci operators attach test-ci 'Conversation Summary' 'Sentiment Analysis'",
      `ci operators create --name 'Feedback category and emotion' --prompt '${SEED_PROMPT}' --schema ${schema} --example 'How much your product? => {"category":"pricing","emotion":"neutral"}' --example 'We cannot find your products. => {"category":"other","emotion":"negative"}' --attach test-ci`,
    ]);

    const service = fakeProcess({ env });
    expect(await main(argv('services', 'show', 'test-ci', '--json'), service)).toBe(0);
    expect(JSON.parse(service.out())).toMatchObject({
      webhookUrl: 'https://example.com/ci-webhook',
      autoTranscribe: false,
      readOnlyAttachedOperatorSids: outcome.attachedOperatorSids,
    });
  });

  it('asks again when the generative operator is invalid, and creates nothing when not confirmed', async () => {
    const schema = join(directory, 'category.schema.json');
    writeFileSync(schema, JSON.stringify({ type: 'object', properties: { category: { type: 'string' } } }));
    const prompter = scriptedPrompter([
      'test-ci', // taken by the test above: asked again
      'not-created',
      'en-US',
      false,
      true,
      true,
      '',
      keepChecked({}),
      true,
      'feedback category and emotion', // the name of the operator made above: asked again at once
      'Broken',
      'inline',
      'p',
      join(directory, 'missing.json'), // asked again at once
      schema,
      '',
      'Hi',
      'Hello',
      '',
      false, // do not try again
      false, // do not create
    ]);
    const proc = fakeProcess({ tty: true, env });
    expect(await main(argv('setup'), proc, { prompter: () => Promise.resolve(prompter) })).toBe(2);
    expect(prompter.refused).toEqual([
      expect.stringMatching(
        /^Name of the operator: an operator named "feedback category and emotion" already exists \(operator LY[0-9a-f]{32} has it\)$/,
      ),
      expect.stringMatching(/missing\.json: cannot read it \(no such file\)$/),
    ]);
    expect(proc.err()).toMatch(/warning: the operator is not valid: example 1: the output is not JSON/);
    expect(proc.err()).toContain('warning: a service named test-ci already exists; choose another name');
    expect(proc.err()).toContain('PII redaction on (media too)');
    expect(proc.err()).toContain('ci: cancelled: nothing was created');
    expect(prompter.asked).toContain('Redact PII in the media (audio) too?');
    const services = fakeProcess({ env });
    await main(argv('services', 'list', '--json'), services);
    expect(jsonOf<Array<{ uniqueName: string }>>(services.out()).map((service) => service.uniqueName)).not.toContain('not-created');
  });

  it('refuses without a terminal (exit 2) and points to the commands', async () => {
    const result = await ci(['setup'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^ci: ci setup asks questions, and stdin is not a terminal; hint: run the steps as commands instead: ci services create .*ci operators attach .*ci operators create /,
    );
    expect(result.stdout).toBe('');
  });

  it('quotes commands for a POSIX shell', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(
      setupCommands({
        service: { uniqueName: 'a b', languageCode: 'en-US', autoTranscribe: true, autoRedaction: true, mediaRedaction: true },
        prebuilt: [],
      }),
    ).toEqual(["ci services create --unique-name 'a b' --language-code en-US --auto-transcribe --auto-redaction --media-redaction"]);
  });
});
