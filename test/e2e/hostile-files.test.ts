// Hostile local input: schemas built to stall a regex engine or overflow a stack, and configuration
// files that reach for secrets or files outside their folder. Each must end with exit 2 and one line,
// never hang. Most run in-process; what could hang the engine runs in a real process that can be killed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { ci } from '../support/cli.js';
import { useTestEmulator } from '../support/emulator.js';
import { runCi, type CiResult } from '../support/run-ci.js';
import { tempDir } from '../support/temp.js';

// Generous: the assertion is that ci ends with exit 2, not how fast. A catastrophic pattern that reached
// the regex engine would block the event loop, which no in-process timeout can cut: those runs spawn.
const HANG_GUARD_MS = 60_000;
const CATASTROPHIC = { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } };
const HOSTILE_OUTPUT = JSON.stringify({ code: `${'a'.repeat(40)}!` });

function expectRefused(result: CiResult, message: RegExp): void {
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).toMatch(/^ci: [^\n]+\n$/);
  expect(result.stderr).toMatch(message);
  expect(result.code).toBe(2);
}

describe('hostile schemas', () => {
  const emulator = useTestEmulator();
  let dir: string;
  beforeAll(() => {
    dir = tempDir('ci-hostile-');
    writeFileSync(join(dir, 'catastrophic.json'), JSON.stringify(CATASTROPHIC));
    writeFileSync(join(dir, 'deep.json'), `{"type":"object","properties":{"a":${'{"items":'.repeat(100_000)}{}${'}'.repeat(100_000)}}}`);
    writeFileSync(
      join(dir, 'catastrophic.yaml'),
      JSON.stringify({
        operators: [{ friendlyName: 'codes', prompt: 'p', schema: CATASTROPHIC, examples: [{ input: 'x', output: HOSTILE_OUTPUT }] }],
      }),
    );
  });

  it(
    'operators create with a catastrophic pattern and a hostile example ends with exit 2',
    async () => {
      const args = ['operators', 'create', '--name', 'codes', '--prompt', 'p', '--schema', join(dir, 'catastrophic.json')];
      const result = await runCi([...args, '--example', `the code => ${HOSTILE_OUTPUT}`], {
        env: emulatorEnv(emulator),
        timeoutMs: HANG_GUARD_MS,
      });
      expectRefused(result, /schema \/properties\/code\/pattern: keyword "pattern" is not supported/);
    },
    HANG_GUARD_MS + 10_000,
  );

  it(
    'diff of a file with that operator ends with exit 2',
    async () => {
      const result = await runCi(['diff', '-f', join(dir, 'catastrophic.yaml')], { env: emulatorEnv(emulator), timeoutMs: HANG_GUARD_MS });
      expectRefused(result, /keyword "pattern" is not supported/);
    },
    HANG_GUARD_MS + 10_000,
  );

  it('a --schema nested 100,000 deep is refused before it is parsed', async () => {
    const result = await ci(['operators', 'create', '--name', 'deep', '--prompt', 'p', '--schema', join(dir, 'deep.json')], {
      env: emulatorEnv(emulator),
    });
    expectRefused(result, /--schema \S+deep\.json: not JSON \(line 1, column \d+: nested more than 256 levels deep\)/);
  });
});

describe('configuration files cannot read secrets or files they should not', () => {
  const emulator = useTestEmulator();
  let dir: string;
  beforeAll(() => {
    dir = tempDir('ci-exfiltrate-');
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'outside.txt'), 'a prompt kept next to the folder');
    writeFileSync(
      join(dir, 'config', 'hook.yaml'),
      'services:\n  - uniqueName: hook\n    webhookUrl: https://example.com/hook?token=${HOOK_TOKEN}\n',
    );
    writeFileSync(join(dir, 'config', 'outside.yaml'), 'operators:\n  - friendlyName: outside\n    promptFile: ../outside.txt\n');
    writeFileSync(join(dir, 'config', 'here.txt'), 'a prompt in the working directory');
  });
  // In-process, except where the working directory matters: it is the process's.
  const diffJson = async (args: string[], options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}) => {
    const run = { ...options, env: { ...emulatorEnv(emulator), ...options.env } };
    const result = await (options.cwd ? runCi(['diff', '--json', ...args], run) : ci(['diff', '--json', ...args], run));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as { steps: Array<{ changes: Array<{ field: string; to: unknown }> }> };
  };
  const value = (plan: Awaited<ReturnType<typeof diffJson>>, field: string) =>
    plan.steps.flatMap((step) => step.changes).find((change) => change.field === field)?.to;

  it('expands a secret-named variable only when allowed by name', async () => {
    const env = { HOOK_TOKEN: 'allowed-hook-token' };
    const refused = await ci(['diff', '-f', join(dir, 'config', 'hook.yaml')], { env: { ...emulatorEnv(emulator), ...env } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/HOOK_TOKEN is named like a secret; hint: to expand them anyway: --allow-env HOOK_TOKEN\n$/);
    const plan = await diffJson(['-f', join(dir, 'config', 'hook.yaml'), '--allow-env', 'HOOK_TOKEN'], { env });
    expect(value(plan, 'webhookUrl')).toBe('https://example.com/hook?token=allowed-hook-token');
  });

  it('reads a file outside the directory only with --allow-outside-files', async () => {
    const refused = await ci(['diff', '-f', join(dir, 'config', 'outside.yaml')], { env: emulatorEnv(emulator) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\.\.\/outside\.txt is refused: it leads outside/);
    const plan = await diffJson(['-f', join(dir, 'config', 'outside.yaml'), '--allow-outside-files']);
    expect(value(plan, 'prompt')).toBe('a prompt kept next to the folder');
  });

  it('resolves the references of a file on stdin against the working directory', async () => {
    const stdin = 'operators:\n  - friendlyName: here\n    promptFile: here.txt\n';
    const plan = await diffJson(['-f', '-'], { stdin, cwd: join(dir, 'config') });
    expect(value(plan, 'prompt')).toBe('a prompt in the working directory');
    const escape = await runCi(['diff', '-f', '-'], {
      env: emulatorEnv(emulator),
      stdin: stdin.replace('here.txt', '../outside.txt'),
      cwd: join(dir, 'config'),
    });
    expect(escape.stderr).toMatch(/^ci: <stdin>:3:17: \.\.\/outside\.txt is refused: it leads outside/);
  });
});
