import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { useTestEmulator } from '../support/emulator.js';
import { fakeProcess } from '../support/fake-process.js';
import { scriptedPrompter } from '../support/fake-prompter.js';
import { tempConfigHome } from '../support/run-ci.js';

const emulator = useTestEmulator();

const argv = (...args: string[]) => ['node', 'ci', ...args];

describe('main() in-process with a fake context', () => {
  it('logs in on a terminal: asks, verifies with one API call, saves the active profile', async () => {
    const env = { XDG_CONFIG_HOME: tempConfigHome() };
    const proc = fakeProcess({ tty: true, env });
    const prompter = scriptedPrompter([emulator.accountSid, 'authToken', emulator.authToken]);
    const code = await main(argv('--api-url', emulator.url, 'login', 'work'), proc, { prompter: () => Promise.resolve(prompter) });
    expect(proc.err()).toContain('saved profile "work" (active)');
    expect(code).toBe(0);
    expect(prompter.asked).toEqual(['Account SID', 'Sign in with', 'Auth token']);
    const list = fakeProcess({ env });
    expect(await main(argv('profiles', 'list', '--json'), list)).toBe(0);
    expect(JSON.parse(list.out())).toEqual([expect.objectContaining({ name: 'work', active: true, apiUrl: emulator.url })]);
    expect(list.out()).not.toContain(emulator.authToken);
  });

  it('refuses to save credentials the API rejects (exit 3)', async () => {
    const env = { XDG_CONFIG_HOME: tempConfigHome() };
    const proc = fakeProcess({ tty: true, env });
    const prompter = scriptedPrompter([emulator.accountSid, 'authToken', 'not-the-token']);
    expect(await main(argv('--api-url', emulator.url, 'login'), proc, { prompter: () => Promise.resolve(prompter) })).toBe(3);
    expect(proc.err()).toMatch(/refused; nothing was saved/);
    const list = fakeProcess({ env });
    await main(argv('profiles', 'list', '--json'), list);
    expect(JSON.parse(list.out())).toEqual([]);
  });

  it('asks for a missing unique name on a terminal, and names the flag without one', async () => {
    const env = {
      TWILIO_ACCOUNT_SID: emulator.accountSid,
      TWILIO_AUTH_TOKEN: emulator.authToken,
      TWILIO_CI_API_URL: emulator.url,
      XDG_CONFIG_HOME: tempConfigHome(),
    };
    const tty = fakeProcess({ tty: true, env });
    expect(
      await main(argv('services', 'create', '--json'), tty, { prompter: () => Promise.resolve(scriptedPrompter(['asked-name'])) }),
    ).toBe(0);
    expect(JSON.parse(tty.out())).toMatchObject({ uniqueName: 'asked-name' });
    const piped = fakeProcess({ env });
    expect(await main(argv('services', 'create'), piped)).toBe(2);
    expect(piped.err()).toBe('ci: missing required flag --unique-name; hint: e.g. ci services create --unique-name test-ci\n');
  });

  it('asks before deleting on a terminal and stops when declined', async () => {
    const env = {
      TWILIO_ACCOUNT_SID: emulator.accountSid,
      TWILIO_AUTH_TOKEN: emulator.authToken,
      TWILIO_CI_API_URL: emulator.url,
      XDG_CONFIG_HOME: tempConfigHome(),
    };
    await main(argv('services', 'create', '--unique-name', 'keep-me'), fakeProcess({ env }));
    const declined = fakeProcess({ tty: true, env });
    expect(
      await main(argv('services', 'delete', 'keep-me'), declined, { prompter: () => Promise.resolve(scriptedPrompter([false])) }),
    ).toBe(2);
    expect(declined.err()).toContain('cancelled');
    const shown = fakeProcess({ env });
    expect(await main(argv('services', 'show', 'keep-me'), shown)).toBe(0);
  });

  it('prints help with examples for every command, and exit codes', async () => {
    const help = fakeProcess();
    expect(await main(argv('help', 'services', 'create'), help)).toBe(0);
    expect(help.out()).toMatch(/Usage: ci services create[\s\S]*Examples:\n {2}\$ ci services create/);
    const codes = fakeProcess();
    expect(await main(argv('help', 'exit-codes'), codes)).toBe(0);
    expect(codes.out()).toMatch(/^Exit codes:\n\s+0 {2}success[\s\S]*130 {2}interrupted/);
  });

  it('colours tables only on a terminal without NO_COLOR', async () => {
    const base = {
      TWILIO_ACCOUNT_SID: emulator.accountSid,
      TWILIO_AUTH_TOKEN: emulator.authToken,
      TWILIO_CI_API_URL: emulator.url,
      XDG_CONFIG_HOME: tempConfigHome(),
    };
    await main(argv('services', 'create', '--unique-name', 'colourful'), fakeProcess({ env: base }));
    const coloured = fakeProcess({ tty: true, env: base });
    await main(argv('services', 'list'), coloured);
    expect(coloured.out()).toContain('\u001b[');
    for (const [env, args] of [
      [{ ...base, NO_COLOR: '1' }, []],
      [base, ['--no-color']],
    ] as const) {
      const plain = fakeProcess({ tty: true, env });
      await main(argv(...args, 'services', 'list'), plain);
      expect(plain.out()).toContain('colourful');
      expect(plain.out()).not.toContain('\u001b[');
    }
  });

  it('traces requests with --debug without leaking the auth token', async () => {
    const env = {
      TWILIO_ACCOUNT_SID: emulator.accountSid,
      TWILIO_AUTH_TOKEN: emulator.authToken,
      TWILIO_CI_API_URL: emulator.url,
      XDG_CONFIG_HOME: tempConfigHome(),
    };
    const proc = fakeProcess({ env });
    expect(await main(argv('--debug', 'services', 'list'), proc)).toBe(0);
    expect(proc.err()).toMatch(/\[debug\] → GET http:\/\/127\.0\.0\.1:\d+\/v2\/Services/);
    expect(proc.err()).toMatch(/\[debug\] ← 200 GET/);
    expect(proc.err() + proc.out()).not.toContain(emulator.authToken);
  });
});

describe('lazy command tree', () => {
  it('builds only the command a run names; every manifest entry loads a command of its own name', async () => {
    const { buildProgram } = await import('../../src/commands/program.js');
    const { buildIO } = await import('../../src/lib/make-context.js');
    const { COMMANDS } = await import('../../src/commands/index.js');
    const io = buildIO(fakeProcess(), []);
    const built = (command: { commands: readonly unknown[]; options: readonly unknown[] }) =>
      command.commands.length + command.options.length > 0;
    const help = await buildProgram(io, async () => {}, ['--help']);
    expect(help.commands.filter(built)).toEqual([]);
    for (const entry of COMMANDS) {
      const program = await buildProgram(io, async () => {}, ['--profile', 'p', entry.aliases?.[0] ?? entry.name]);
      const full = program.commands.filter(built).map((c) => c.name());
      expect(full).toEqual([entry.name]);
    }
    const all = await buildProgram(io, async () => {}, 'all');
    expect(all.commands.filter(built)).toHaveLength(COMMANDS.length);
  });
});
