// The seed's operator set on v3, done with ci: the category/emotion prompt as a JSON operator with its two
// training examples, Twilio's Sentiment and Summary, one configuration with one rule, run on a conversation.
import { describe, expect, it } from 'vitest';
import { ci } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { seedConversation } from '../emulator/v3-support.js';
import { useTestEmulator } from '../support/emulator.js';
import { SEED_OPERATOR_FLAGS } from '../support/seed.js';

describe('the seed on v3', () => {
  const emulator = useTestEmulator();
  const run = (args: string[]) => ci(args, { env: emulatorEnv(emulator, { TWILIO_CI_GENERATION: 'v3' }) });

  it('creates the operator, the configuration, runs the rule and prints the results', async () => {
    const created = await run(['operators', 'create', '--name', 'test-operator', ...SEED_OPERATOR_FLAGS, '--json']);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ displayName: 'test-operator', outputFormat: 'JSON', version: 1 });

    const configuration = await run([
      'configurations',
      'create',
      '--name',
      'seed',
      '--operator',
      'Sentiment Analysis',
      '--operator',
      'Conversation Summary',
      '--operator',
      'test-operator@1',
      '--webhook',
      'https://example.com/ci-webhook',
      '--json',
    ]);
    expect(configuration.code).toBe(0);
    const configurationId = (JSON.parse(configuration.stdout) as { id: string }).id;
    const tree = await run(['configurations', 'show', 'seed']);
    expect(tree.stdout).toContain(
      '→ Sentiment Analysis@latest\n    → Conversation Summary@latest\n    → test-operator@1\n    ⇒ WEBHOOK POST https://example.com/ci-webhook',
    );

    const { conversationId } = await seedConversation(emulator, {
      intelligenceConfigurationIds: [configurationId],
      communications: [
        { text: 'Thank you for calling, how can I help?' },
        { text: 'How much your product?' },
        { text: 'It is ten dollars a month.' },
      ],
    });
    const results = await run(['rules', 'run', 'seed', '1', conversationId, '--wait']);
    expect(results.code).toBe(0);
    expect(results.stdout).toContain('test-operator@1 (JSON)\n  category: pricing\n  emotion: neutral');
    expect(results.stdout).toMatch(/Sentiment Analysis@1 \(CLASSIFICATION\)\n {2}[A-Z]+/);
    expect(results.stdout).toContain('Conversation Summary@1 (TEXT)');
    const asJson = await run(['rules', 'run', 'seed', '1', conversationId, '--wait', '--json']);
    const parsed = JSON.parse(asJson.stdout) as { id: string; outputFormat: string }[];
    expect(parsed.map((result) => result.outputFormat).sort()).toEqual(['CLASSIFICATION', 'JSON', 'TEXT']);
    expect(parsed.every((result) => result.id.startsWith('intelligence_operatorresult_'))).toBe(true);
  });

  it("refuses an unknown conversation with the API's message", async () => {
    const result = await run(['configurations', 'create', '--name', 'lone', '--operator', 'Sentiment Analysis']);
    expect(result.code).toBe(0);
    const refused = await run(['rules', 'run', 'lone', '1', 'conv_conversation_01hx0000000000000000000000']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('conv_conversation_01hx0000000000000000000000 was not found (Twilio error 20404');
  });
});
