// Completion knows v3 names: configurations for every `<configuration>`, operators of both generations.
import { describe, expect, it } from 'vitest';
import { ci } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { tempDir } from '../support/temp.js';

describe('completion of v3 names', () => {
  const emulator = useTestEmulator();
  const env = () => emulatorEnv(emulator, { XDG_CACHE_HOME: tempDir('ci-v3-completion-') });

  it('completes v3 configuration names, and operator names of both generations', async () => {
    const names = env();
    expect((await ci(['configurations', 'create', '--name', 'post-call', '--operator', 'Sentiment Analysis'], { env: names })).code).toBe(
      0,
    );
    const prompt = ['--prompt', 'Say hi', '--output-format', 'TEXT'];
    expect((await ci(['--generation', 'v3', 'operators', 'create', '--name', 'v3-only-operator', ...prompt], { env: names })).code).toBe(0);

    const configurations = await ci(['completion', '--names', 'configurations'], { env: names });
    expect(configurations.stdout.split('\n')).toContain('post-call');
    const operators = (await ci(['completion', '--names', 'operators'], { env: names })).stdout.split('\n');
    expect(operators).toContain('v3-only-operator');
    expect(operators).toContain('Conversation Summary');
    expect(operators.filter((name) => name === 'Conversation Summary')).toHaveLength(1);
  });

  it('asks for configuration names where a command takes one', async () => {
    const script = (await ci(['completion', 'bash'], { env: env() })).stdout;
    for (const slot of ['configurations show|#0', 'rules run|#0', 'conversations list|--configuration', 'results|--configuration']) {
      expect(script).toContain(`'${slot}') echo configurations ;;`);
    }
    expect(script).toContain(`'results|--operator') echo operators ;;`);
  });
});
