// `ci results` on v3 conversations, in-process against the emulator: results per operator rendered by type,
// --json as the API returns them (which the SDK's OperatorResultInstance would not give), the filters, the
// generation from the IDs, and `ci results delete`.
import { describe, expect, it } from 'vitest';
import { ci } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { sdkClient } from '../support/sdk.js';
import { SENTIMENT_OPERATOR_ID, SUMMARY_OPERATOR_ID, seedConversation } from '../emulator/v3-support.js';

const SEED = 'examples/seed';
const TRANSCRIPT = 'GT0123456789abcdef0123456789abcdef';

interface Result {
  id: string;
  outputFormat: string;
  conversationId: string;
  dateCreated: string;
  operator: { id: string; version: number };
  intelligenceConfiguration: { id: string };
  result: Record<string, unknown>;
}

describe('ci results (v3)', () => {
  const emulator = useTestEmulator();
  const run = (args: string[], env: Record<string, string> = {}) => ci(args, { env: emulatorEnv(emulator, env) });
  const v3 = (args: string[]) => run(args, { TWILIO_CI_GENERATION: 'v3' });
  const results = async (args: string[]) => {
    const result = await run(['results', ...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Result[];
  };

  let made = 0;
  /** A conversation with the results of two configurations (post-call-N: 3 operators, sentiment-only-N: 1). */
  async function conversationWithResults(): Promise<{ conversationId: string; configurationId: string }> {
    made++;
    const operator = await v3(
      ['operators', 'create', '--name', `category-${made}`, '--prompt-file', `${SEED}/prompt.txt`].concat([
        '--schema',
        `${SEED}/feedback.schema.json`,
        '--examples',
        `${SEED}/examples.jsonl`,
      ]),
    );
    expect(operator.code).toBe(0);
    const created = await run(
      ['configurations', 'create', '--name', `post-call-${made}`, '--json'].concat([
        '--operator',
        'Sentiment Analysis',
        '--operator',
        'Conversation Summary',
        '--operator',
        `category-${made}@1`,
      ]),
    );
    const configurationId = (JSON.parse(created.stdout) as { id: string }).id;
    expect((await run(['configurations', 'create', '--name', `sentiment-only-${made}`, '--operator', 'Sentiment Analysis'])).code).toBe(0);
    const second = await run(['configurations', 'show', `sentiment-only-${made}`, '--json']);
    const secondId = (JSON.parse(second.stdout) as { id: string }).id;
    const { conversationId } = await seedConversation(emulator, {
      intelligenceConfigurationIds: [configurationId, secondId],
      communications: [
        { text: 'Thank you for calling, how can I help?' },
        { text: 'How much your product?' },
        { text: 'It is ten dollars a month.' },
      ],
    });
    expect((await run(['rules', 'run', `post-call-${made}`, '1', conversationId])).code).toBe(0);
    expect((await run(['rules', 'run', `sentiment-only-${made}`, '1', conversationId])).code).toBe(0);
    return { conversationId, configurationId };
  }

  it('gives every result as the API returns it, filtered by configuration and operator, and renders them by type', async () => {
    const { conversationId, configurationId } = await conversationWithResults();
    const all = await results([conversationId]);
    expect(all.map((result) => result.outputFormat).sort()).toEqual(['CLASSIFICATION', 'CLASSIFICATION', 'JSON', 'TEXT']);
    // What twilio-node 6.3.1's OperatorResultInstance drops: TEXT's text, CLASSIFICATION's label, JSON's fields.
    const byFormat = (format: string) => all.find((result) => result.outputFormat === format)?.result ?? {};
    expect(byFormat('TEXT').text).toEqual(expect.stringContaining('The agent said'));
    expect(byFormat('CLASSIFICATION').label).toMatch(/^(POSITIVE|NEGATIVE|NEUTRAL|MIXED)$/);
    expect(byFormat('JSON')).toMatchObject({ category: 'pricing' });
    const raw = (await sdkClient(emulator).intelligence.v3.fetch({ uri: `/OperatorResults/${all[0]?.id ?? ''}`, method: 'get' })) as Result;
    expect(all[0]).toEqual(raw);

    expect(
      (await results([conversationId, '--configuration', 'post-call-1'])).map((result) => result.intelligenceConfiguration.id),
    ).toEqual([configurationId, configurationId, configurationId]);
    expect((await results([conversationId, '--operator', 'Sentiment Analysis'])).map((result) => result.operator.id)).toEqual([
      SENTIMENT_OPERATOR_ID,
      SENTIMENT_OPERATOR_ID,
    ]);
    const both = await results([conversationId, '--configuration', configurationId, '--operator', SUMMARY_OPERATOR_ID]);
    expect(both.map((result) => result.outputFormat)).toEqual(['TEXT']);

    const shown = await run(['results', conversationId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`CONVERSATION  ${conversationId}  (v3, 4 operator results)`);
    expect(shown.stdout).toMatch(/Sentiment Analysis@1 \(CLASSIFICATION\)\n {2}(POSITIVE|NEGATIVE|NEUTRAL|MIXED)\n/);
    expect(shown.stdout).toMatch(/Conversation Summary@1 \(TEXT\)\n {2}The agent said/);
    expect(shown.stdout).toContain('category-1@1 (JSON)\n  category: pricing\n  emotion: neutral');

    const ndjson = await run(['results', conversationId, '--ndjson']);
    expect(ndjson.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('shows SDK 6.3.1 losing the result fields, which is why ci reads the raw payload', async () => {
    const { conversationId } = await conversationWithResults();
    const viaSdk = await sdkClient(emulator).intelligence.v3.operatorResults.list({ conversationId });
    const text = viaSdk.find((result) => result.outputFormat === 'TEXT');
    expect(JSON.parse(JSON.stringify(text?.result))).toEqual({});
  });

  it('deletes a result with `ci results delete`, asking first', async () => {
    const { conversationId } = await conversationWithResults();
    const [first] = await results([conversationId]);
    const id = first?.id ?? '';
    const unconfirmed = await run(['results', 'delete', id]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('refusing to delete operator result');
    const deleted = await run(['results', 'delete', id, '--yes']);
    expect(deleted.code).toBe(0);
    expect((await results([conversationId])).map((result) => result.id)).not.toContain(id);
    const again = await run(['results', 'delete', id, '--yes']);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('was not found');
  });

  it('picks the generation from the IDs and refuses what does not fit, in one line', async () => {
    const conversation = 'conv_conversation_01aaaaaaaaaaaaaaaaaaaaaaaa';
    const cases: [string[], number, string][] = [
      [[TRANSCRIPT, conversation], 2, `"${TRANSCRIPT}" is a classic (v2) ID and "${conversation}" a v3 ID: give IDs of one generation`],
      [[conversation, '--generation', 'classic'], 2, `"${conversation}" is a v3 ID, but --generation classic was given`],
      [[conversation, '--wait'], 2, '--wait is not for v3 conversations'],
      [[conversation, '--no-redacted'], 2, '--redacted is not for v3 conversations'],
      [[TRANSCRIPT, '--configuration', 'post-call'], 2, '--configuration is not for classic (v2) transcripts'],
      [['--generation', 'v3', 'not-an-id'], 2, '"not-an-id" is not a v3 conversation ID'],
      [[conversation, '--operator', 'no-such-operator'], 4, 'no v3 operator named "no-such-operator"'],
      [['delete'], 2, '`ci results delete` needs operator result IDs'],
      [['delete', TRANSCRIPT, '--yes'], 2, `"${TRANSCRIPT}" is not a v3 operator result ID`],
      [
        ['delete', 'intelligence_operatorresult_01aaaaaaaaaaaaaaaaaaaaaaaa', '--operator', 'x'],
        2,
        '--operator is not for `ci results delete`',
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await run(['results', ...args]);
      expect({ args, code: result.code }).toEqual({ args, code });
      expect(result.stderr.trim().split('\n')[0]).toContain(message);
    }
    const empty = await run(['results', (await seedConversation(emulator, { communications: [{ text: 'hi' }] })).conversationId]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No operator results: run a rule on it');
  });
});
