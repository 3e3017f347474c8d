// `ci operators` in-process (the real SDK and HTTP) against the emulator: the seed article's
// operator set, then every bad input the issue lists, each with its exit code and message.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import * as cli from '../support/cli.js';
import { jsonOf } from '../support/json.js';
import type { CiResult } from '../support/run-ci.js';
import { tempDir } from '../support/temp.js';

const SUMMARY = 'LY00000000000000000000000000000001';
const SENTIMENT = 'LY00000000000000000000000000000002';
const SEED_PROMPT =
  'この会話は顧客からの製品に関する問合せです。 会話の内容から、フィードバックの種類を category として pricing / other のいずれかで分類してください。 ユーザーの感情を emotion として positive / neutral / negative のいずれかで分類してください。';
const SEED_SCHEMA = { type: 'object', properties: { category: { type: 'string' }, emotion: { type: 'string' } } };
const SEED_EXAMPLES = [
  'How much your product? => {"category":"pricing","emotion":"neutral"}',
  'We cannot find your products. => {"category":"other","emotion":"negative"}',
] as const;

const emulator = useTestEmulator();
let env: Record<string, string | undefined>;
const directory = tempDir('ci-operators-e2e-');

function file(name: string, contents: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

beforeAll(() => {
  env = emulatorEnv(emulator);
});

const ci = (args: string[], stdin?: string): Promise<CiResult> => cli.ci(args, { env, stdin });

/** The JSON fields these tests read; the assertions check the rest. */
interface Operator extends Record<string, unknown> {
  sid: string;
  friendlyName: string;
  config: { prompt: string; examples: unknown[] };
}
interface Attachments {
  changes: unknown[];
  attachedOperators: Operator[];
}

async function json<T = Operator>(args: string[]): Promise<T> {
  const result = await ci([...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return jsonOf<T>(result.stdout);
}

describe("ci operators: the seed's operator set", () => {
  it('attaches the pre-built operators by name, creates and attaches the generative one, lists the service', async () => {
    expect((await ci(['services', 'create', '--unique-name', 'test-ci', '--language-code', 'en-US'])).code).toBe(0);

    const attached = await json<Attachments>(['operators', 'attach', 'test-ci', 'conversation summary', 'Sentiment Analysis']);
    expect(attached.changes).toEqual([
      { operatorSid: SUMMARY, friendlyName: 'Conversation Summary', change: 'attached' },
      { operatorSid: SENTIMENT, friendlyName: 'Sentiment Analysis', change: 'attached' },
    ]);
    const again = await ci(['operators', 'attach', 'test-ci', 'Sentiment Analysis']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`SID\tFRIENDLY NAME\tCHANGE\n${SENTIMENT}\tSentiment Analysis\talready attached\n`);

    const schema = file('feedback.schema.json', SEED_SCHEMA);
    const created = await json([
      'operators',
      'create',
      '--name',
      'Feedback category and emotion',
      '--prompt',
      SEED_PROMPT,
      '--schema',
      schema,
      '--example',
      SEED_EXAMPLES[0],
      '--example',
      SEED_EXAMPLES[1],
      '--attach',
      'test-ci',
    ]);
    expect(created).toMatchObject({
      friendlyName: 'Feedback category and emotion',
      operatorType: 'GenerativeJSON',
      version: 1,
      config: {
        prompt: SEED_PROMPT,
        json_result_schema: SEED_SCHEMA,
        examples: [
          { input: 'How much your product?', output: '{"category":"pricing","emotion":"neutral"}' },
          { input: 'We cannot find your products.', output: '{"category":"other","emotion":"negative"}' },
        ],
      },
    });

    const listed = await ci(['operators', 'list', '--attached-to', 'test-ci']);
    expect(listed.code).toBe(0);
    const rows = listed.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows[0]).toEqual(['SID', 'FRIENDLY NAME', 'TYPE', 'AVAILABILITY', 'VERSION', 'AUTHOR']);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[2]])).toEqual([
      [SUMMARY, 'Conversation Summary', 'Summarization'],
      [SENTIMENT, 'Sentiment Analysis', 'ConversationClassify'],
      [created.sid, 'Feedback category and emotion', 'GenerativeJSON'],
    ]);
  });

  it('reads the schema from stdin and the examples from JSON, JSONL and CSV files', async () => {
    const examples = [
      { input: 'How much your product?', output: { category: 'pricing', emotion: 'neutral' } },
      { input: 'We cannot find your products.', output: '{"category":"other","emotion":"negative"}' },
    ];
    const csv = 'input,output\n"How much your product?","{""category"":""pricing"",""emotion"":""neutral""}"\n';
    for (const [name, contents] of [
      ['examples.json', JSON.stringify(examples)],
      ['examples.jsonl', examples.map((e) => JSON.stringify(e)).join('\n')],
      ['examples.csv', csv],
    ] as const) {
      const result = await ci(
        ['operators', 'create', '--name', `from ${name}`, '--prompt', 'p', '--schema', '-', '--examples', file(name, contents), '--json'],
        JSON.stringify(SEED_SCHEMA),
      );
      expect({ name, code: result.code, stderr: result.stderr }).toEqual({ name, code: 0, stderr: '' });
      expect(jsonOf<Operator>(result.stdout).config.examples[0]).toEqual({
        input: 'How much your product?',
        output: '{"category":"pricing","emotion":"neutral"}',
      });
    }
  });

  it('shows and updates an operator with If-Match, and reports a stale version as a conflict', async () => {
    const created = await json(['operators', 'create', '--name', 'One-line summary', '--prompt', 'Summarize in one line.']);
    expect(created.operatorType).toBe('Generative');
    const updated = await json([
      'operators',
      'update',
      'one-line summary',
      '--prompt',
      'Summarize in one short line.',
      '--example',
      'Hello, I want a refund. => Refund request.',
    ]);
    expect(updated).toMatchObject({
      version: 2,
      config: { prompt: 'Summarize in one short line.', examples: [{ input: 'Hello, I want a refund.', output: 'Refund request.' }] },
    });
    expect(await json(['operators', 'show', created.sid])).toMatchObject({ version: 2, friendlyName: 'One-line summary' });

    const stale = await ci(['operators', 'update', created.sid, '--prompt', 'lost update', '--if-match', '1']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(
      /^ci: conflict: "One-line summary" \(LY[0-9a-f]{32}\) is no longer at version 1.*nothing was overwritten.*Twilio error 20412/,
    );
    expect((await json(['operators', 'show', created.sid])).config.prompt).toBe('Summarize in one short line.');

    expect((await ci(['operators', 'delete', created.sid, '--yes'])).code).toBe(0);
    expect((await ci(['operators', 'show', created.sid])).code).toBe(4);
  });

  it('lists operator types and their config schemas', async () => {
    const types = await json<Array<{ name: string }>>(['operators', 'types']);
    expect(types.map((type) => type.name)).toEqual(expect.arrayContaining(['Generative', 'GenerativeJSON', 'Summarization']));
    const generativeJson = await json<{ configSchema: { required: unknown } }>(['operators', 'types', 'GenerativeJSON']);
    expect(generativeJson.configSchema.required).toEqual(['prompt', 'json_result_schema']);
  });
});

describe('ci operators: bad input', () => {
  it('rejects invalid generative operators locally with exit 2, listing every problem', async () => {
    const creates = async () =>
      (
        (await (
          await fetch(`${emulator.url}/emulator/stats`, {
            headers: { authorization: `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}` },
          })
        ).json()) as { requests: Record<string, number> }
      ).requests['POST /v2/Operators/Custom'];
    const createsBefore = await creates();
    const many = file('many.json', {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, { type: 'string' }])),
    });
    let deep: Record<string, unknown> = { type: 'string' };
    for (let level = 6; level >= 1; level--) deep = { type: 'object', properties: { [`l${level}`]: deep } };
    const cases: Array<[string[], RegExp]> = [
      [['--schema', file('broken.json', '{"type": "object",')], /--schema .*broken\.json: not JSON/],
      [
        ['--schema', file('array.json', { type: 'array', items: { type: 'string' } })],
        /the root "type" must be "object" \(got "array"\); schema: the root must have "properties"/,
      ],
      [
        ['--schema', file('pattern.json', { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]+$' } } })],
        /schema \/properties\/code\/pattern: keyword "pattern" is not supported/,
      ],
      [['--schema', many], /101 properties, at most 100/],
      [['--schema', file('deep.json', deep)], /\/l5\/properties: nested 6 levels deep, at most 5/],
      [['--schema', file('seed.json', SEED_SCHEMA), '--example', 'How much? => pricing'], /example 1: the output is not JSON/],
      [
        ['--schema', file('seed2.json', SEED_SCHEMA), '--example', SEED_EXAMPLES[0], '--example', 'Hi => {"category":1}'],
        /example 2: output \/category must be string/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await ci(['operators', 'create', '--name', 'bad', '--prompt', 'p', ...args]);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(/^ci: invalid operator: /);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    const everything = await ci([
      'operators',
      'create',
      '--name',
      'n'.repeat(65),
      '--prompt',
      ' ',
      '--schema',
      file('p2.json', { type: 'object', properties: { a: { type: 'string', format: 'email' } } }),
      '--example',
      'no separator',
    ]);
    expect(everything.code).toBe(2);
    expect(everything.stderr).toMatch(
      /expected 'INPUT => OUTPUT'.*; the name is 65 characters, at most 64.*; the prompt is empty; schema \/properties\/a\/format: keyword "format" is not supported/,
    );
    expect(await creates()).toBe(createsBefore); // nothing above was sent
  });

  it('names unknown and ambiguous operators', async () => {
    const unknown = await ci(['operators', 'attach', 'test-ci', 'Nope', 'Nada']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/^ci: no operator with SID or name "Nope", "Nada"/);

    await json(['operators', 'create', '--name', 'Twin', '--prompt', 'a']);
    await json(['operators', 'create', '--name', 'twin', '--prompt', 'b', '--allow-duplicate-name']);
    const ambiguous = await ci(['operators', 'show', 'TWIN']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(
      /^ci: ambiguous operator name: "TWIN" matches 2 operators: LY[0-9a-f]{32}, LY[0-9a-f]{32}; hint: give one of those SIDs instead of the name/,
    );

    const detached = await json<Attachments>(['operators', 'detach', 'test-ci', 'Sentiment Analysis']);
    expect(detached.changes).toEqual([{ operatorSid: SENTIMENT, friendlyName: 'Sentiment Analysis', change: 'detached' }]);
    expect(detached.attachedOperators.map((row) => row.sid)).not.toContain(SENTIMENT);
  });

  it('refuses to change pre-built operators and other misuse', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['operators', 'delete', 'Sentiment Analysis', '--yes'],
        2,
        /cannot delete "Sentiment Analysis" \(LY0{31}2\): it is a pre-built operator/,
      ],
      [['operators', 'update', 'Conversation Summary', '--prompt', 'x'], 2, /cannot update "Conversation Summary" .*pre-built/],
      [['operators', 'create'], 2, /invalid operator: give --name; give --prompt or --prompt-file$/m],
      [['operators', 'create', '--name', 'x', '--prompt', 'p', '--prompt-file', 'p.txt'], 2, /give --prompt or --prompt-file, not both/],
      [
        ['operators', 'create', '--name', 'x', '--prompt-file', '-', '--schema', '-'],
        2,
        /only one of --prompt-file and --schema can read stdin/,
      ],
      [
        ['operators', 'create', '--name', 'x', '--prompt', 'p', '--examples', join(directory, 'missing.jsonl')],
        2,
        /missing\.jsonl: cannot read it \(no such file\)/,
      ],
      [
        ['operators', 'create', '--name', 'x', '--prompt', 'p', '--attach', 'no-such-service'],
        4,
        /no service with SID or unique name "no-such-service"/,
      ],
      [['operators', 'update', 'Twin', '--prompt', 'x'], 2, /ambiguous operator name/],
      [['operators', 'update', 'Feedback category and emotion'], 2, /nothing to update/],
      [['operators', 'list', '--prebuilt', '--custom'], 2, /cannot be used with/],
      [['operators', 'list', '--availability', 'soon'], 2, /--availability must be one of/],
      [['operators', 'show', 'LY123'], 2, /"LY123" is not a valid operator SID/],
      [['operators', 'delete', 'Twin'], 2, /ambiguous/],
      [
        ['operators', 'attach', 'test-ci', 'twin', 'Nope'],
        2,
        /ambiguous operator name: "twin" matches 2 operators: .*; no operator with SID or name "Nope"/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await ci(args);
      expect({ args, code: result.code }).toEqual({ args, code });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    const custom = await json<Operator[]>(['operators', 'list', '--custom']);
    expect(custom.map((row) => row.friendlyName)).not.toContain('x'); // no orphan from the failed --attach
  });
});
