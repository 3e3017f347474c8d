// `ci operators eval` on the emulator, and the emulator's engine being honest enough for an eval to mean
// something: two versions of the seed's operator whose training examples differ answer differently.
import { describe, expect, it } from 'vitest';
import { ci } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';

const SEED = 'examples/seed';
const EVAL = 'examples/eval';

describe('the emulator engine, version by version', () => {
  const emulator = useTestEmulator();
  const run = (args: string[]) => ci(args, { env: emulatorEnv(emulator, { TWILIO_CI_GENERATION: 'v3' }) });

  async function seedConversation(configurationId: string, customer: string): Promise<string> {
    const response = await fetch(`${emulator.url}/emulator/v3/Conversations`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        intelligenceConfigurationIds: [configurationId],
        communications: [{ text: 'Thank you for calling, how can I help?' }, { text: customer }],
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { conversationId: string }).conversationId;
  }

  it("answers from each version's own training examples", async () => {
    const created = await run([
      'operators',
      'create',
      '--name',
      'feedback',
      '--prompt-file',
      `${SEED}/prompt.txt`,
      '--schema',
      `${SEED}/feedback.schema.json`,
      '--examples',
      `${SEED}/examples.jsonl`,
    ]);
    expect(created.code).toBe(0);
    expect((await run(['operators', 'update', 'feedback', '--examples', `${EVAL}/examples-v2.jsonl`])).code).toBe(0);
    const configuration = await run([
      'configurations',
      'create',
      '--name',
      'both',
      '--operator',
      'feedback@1',
      '--operator',
      'feedback@2',
      '--json',
    ]);
    const configurationId = (JSON.parse(configuration.stdout) as { id: string }).id;

    const conversationId = await seedConversation(configurationId, 'Great, the discount on the price is wonderful!');
    const results = await run(['rules', 'run', 'both', '1', conversationId, '--wait', '--json']);
    const byVersion = Object.fromEntries(
      (JSON.parse(results.stdout) as { operator: { version: number }; result: unknown }[]).map((result) => [
        result.operator.version,
        result.result,
      ]),
    );
    // Version 1 knows only "How much your product?" (nearest: the agent's "how") and "We cannot find your products.";
    // version 2 has a discount example.
    expect(byVersion).toEqual({
      1: { category: 'pricing', emotion: 'neutral' },
      2: { category: 'pricing', emotion: 'positive' },
    });
  });
});
