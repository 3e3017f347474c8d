// Names stay unique where ci resolves by name (#11): create refuses a taken name, lookups of a shared
// name say which SIDs share it, an unknown name suggests the closest ones, attach/detach are idempotent,
// and a delete's confirmation says which services lose the operator.
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import * as cli from '../support/cli.js';
import { scriptedPrompter } from '../support/fake-prompter.js';
import { sdkClient } from '../support/sdk.js';

const SENTIMENT = 'LY00000000000000000000000000000002';

const emulator = useTestEmulator();
let env: Record<string, string | undefined>;

beforeAll(async () => {
  env = emulatorEnv(emulator);
  await sdkClient(emulator).intelligence.v2.services.create({ uniqueName: 'names-ci' });
});

const ci = (args: string[], options: cli.InProcessOptions = {}) => cli.ci(args, { env, ...options });

async function created(args: string[]): Promise<string> {
  const run = await ci(['operators', 'create', ...args, '--json']);
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { sid: string }).sid;
}

describe('operator names stay unique', () => {
  it('create refuses a name a custom operator has (any case), naming its SID, unless --allow-duplicate-name', async () => {
    const first = await created(['--name', 'Feedback', '--prompt', 'a']);
    const again = await ci(['operators', 'create', '--name', 'feedback', '--prompt', 'b']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`an operator named "feedback" already exists (operator ${first} has it)`);
    expect(again.stderr).toContain('--allow-duplicate-name');
    const twin = await created(['--name', 'feedback', '--prompt', 'b', '--allow-duplicate-name']);

    // Where names are shared, a lookup by name says which SIDs share it and how to pick one.
    const show = await ci(['operators', 'show', 'Feedback']);
    expect(show.code).toBe(2);
    expect(show.stderr).toContain(`"Feedback" matches 2 operators: ${first}, ${twin}`);
    expect(show.stderr).toContain('hint: give one of those SIDs instead of the name');
  });

  it('an unknown name suggests the closest names', async () => {
    const run = await ci(['operators', 'show', 'Sentiment Analisys']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/no operator with SID or name "Sentiment Analisys"; hint: did you mean "Sentiment Analysis"\?/);
  });
});

describe('attach and detach are idempotent', () => {
  it('attach of an attached operator and detach of an unattached one exit 0 and say so on stderr', async () => {
    expect((await ci(['operators', 'attach', 'names-ci', 'Sentiment Analysis'])).code).toBe(0);
    const again = await ci(['operators', 'attach', 'names-ci', 'Sentiment Analysis']);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(`"Sentiment Analysis" (${SENTIMENT}) is already attached to names-ci\n`);

    const detached = await ci(['operators', 'detach', 'names-ci', 'Sentiment Analysis', 'Voicemail Detection']);
    expect(detached.code).toBe(0);
    expect(detached.stderr).toMatch(/^"Voicemail Detection" \(LY0{31}7\) is not attached to names-ci\n$/);
    expect(detached.stdout).toMatch(
      new RegExp(`${SENTIMENT}\\tSentiment Analysis\\tdetached\\nLY0{31}7\\tVoicemail Detection\\tnot attached\\n`),
    );
  });
});

describe('operators delete', () => {
  it('asks with the services it is attached to', async () => {
    const sid = await created(['--name', 'Doomed', '--prompt', 'x', '--attach', 'names-ci']);
    const prompter = scriptedPrompter([false]);
    const run = await ci(['operators', 'delete', sid], { tty: true, prompter });
    expect(run.code).toBe(2);
    expect(prompter.asked).toHaveLength(1);
    expect(prompter.asked[0]).toMatch(
      new RegExp(`^Delete operator "Doomed" \\(${sid}\\), attached to service names-ci \\(GA[0-9a-f]{32}\\)\\?$`),
    );
  });
});
