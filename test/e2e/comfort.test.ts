// Shell completion, `ci doctor` and `ci profiles import`, through bin/ci.js.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { main } from '../../src/cli.js';
import { fakeProcess } from '../support/fake-process.js';
import { scriptedPrompter } from '../support/fake-prompter.js';
import { CI_BIN, cleanEnv, runCi, tempConfigHome } from '../support/run-ci.js';
import { tempDir } from '../support/temp.js';
import { defined } from '../support/defined.js';

const emulator = useTestEmulator();

describe('ci completion', () => {
  /** Completions bash offers for the words typed (the last one is being completed); async, so the in-process emulator can answer. */
  async function complete(script: string, words: string[], env?: Record<string, string>): Promise<string[]> {
    const file = join(tempDir('ci-completion-'), 'ci.bash');
    writeFileSync(file, script);
    const program = `source ${file}; COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _ci_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const { stdout } = await promisify(execFile)('bash', ['-c', program], { encoding: 'utf8', env });
    return stdout.split('\n').filter(Boolean);
  }

  it('completes service and operator names from the account, cached for a minute', async () => {
    const folder = tempDir('ci-completion-');
    const shim = join(folder, 'ci');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CI_BIN}" "$@"\n`);
    chmodSync(shim, 0o755);
    const env = cleanEnv({ ...emulatorEnv(emulator), XDG_CACHE_HOME: join(folder, 'cache') });
    expect((await runCi(['services', 'create', '--unique-name', 'names-one'], { env })).code).toBe(0);
    const script = (await runCi(['completion', 'bash'])).stdout;

    expect(await complete(script, [shim, 'services', 'show', 'names-'], env)).toEqual(['names-one']);
    expect(await complete(script, [shim, 'operators', 'attach', 'names-one', 'Conv'], env)).toEqual(['Conversation\\ Summary']);
    expect(await complete(script, [shim, 'operators', 'attach', 'names-one', 'Conversation Summary', 'Sent'], env)).toEqual([
      'Sentiment\\ Analysis',
    ]);
    expect(await complete(script, [shim, 'operators', 'list', '--attached-to', 'names'], env)).toEqual(['names-one']);

    // A service created within the minute is not listed yet: Tab read the cache, not the API.
    expect((await runCi(['services', 'create', '--unique-name', 'names-two'], { env })).code).toBe(0);
    expect(await complete(script, [shim, 'services', 'show', 'names-'], env)).toEqual(['names-one']);
    expect(existsSync(join(folder, 'cache', 'twilio-ci'))).toBe(true);
    // Without credentials, Tab completes nothing and prints nothing.
    expect(await complete(script, [shim, 'services', 'show', ''], cleanEnv({ XDG_CACHE_HOME: join(folder, 'cache2') }))).toEqual([]);
  });

  it('prints a bash script that loads and completes the real commands, aliases, flags and values', async () => {
    const { code, stdout } = await runCi(['completion', 'bash']);
    expect(code).toBe(0);
    const file = join(tempDir('ci-completion-'), 'ci.bash');
    writeFileSync(file, stdout);
    execFileSync('bash', ['-n', file]);
    expect(await complete(stdout, ['ci', ''])).toEqual(
      expect.arrayContaining(['services', 'operators', 'profiles', 'apply', 'diff', 'export', 'doctor', 'completion']),
    );
    expect(await complete(stdout, ['ci', 'ser'])).toEqual(['services', 'serve']);
    expect(await complete(stdout, ['ci', 'servi'])).toEqual(['services']);
    expect(await complete(stdout, ['ci', 'service', ''])).toEqual(['create', 'list', 'show', 'update', 'delete']);
    expect(await complete(stdout, ['ci', '--profile', 'x', 'profiles', 'im'])).toEqual(['import']);
    expect(await complete(stdout, ['ci', 'services', 'create', '--webhook-method', ''])).toEqual(['GET', 'POST']);
    expect(await complete(stdout, ['ci', 'apply', '--p'])).toEqual(['--prune', '--print-schema', '--profile']);
    expect(await complete(stdout, ['ci', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('prints zsh and fish scripts for the same tree, and says how to install them', async () => {
    const zsh = await runCi(['completion', 'zsh']);
    expect(zsh.stdout).toMatch(/^#compdef ci twilio-ci\n/);
    expect(zsh.stdout).toContain("'services|create') echo 'create' ;;");
    expect(zsh.stdout).toContain('else compdef _ci ci twilio-ci; fi');
    const fish = await runCi(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c ci -n '__ci_path_is \\'services\\'' -a 'create' -d 'create a service'");
    expect(fish.stdout).toContain("-l webhook-method -x -a 'GET POST'");
    const help = await runCi(['completion', '--help']);
    expect(help.stdout).toContain("echo 'source <(ci completion bash)' >> ~/.bashrc");
    expect((await runCi(['completion', 'tcsh'])).code).toBe(2);
    expect((await runCi(['completion'])).stderr).toBe(
      'ci: missing argument: the shell (bash, zsh or fish); hint: see `ci completion --help`\n',
    );
  });
});

describe('ci doctor', () => {
  it('passes against the emulator, then fails with the chmod fix on a 0644 config file', async () => {
    const env = { XDG_CONFIG_HOME: tempConfigHome() };
    const profile = ['profiles', 'add', 'emu', '--account-sid', emulator.accountSid, '--auth-token', emulator.authToken, '--activate'];
    expect((await runCi(['--api-url', emulator.url, ...profile], { env })).code).toBe(0);

    const passed = await runCi(['doctor'], { env });
    expect(passed.stderr).toBe('');
    expect(passed.code).toBe(0);
    for (const name of [
      'Node.js',
      'config file',
      'credentials',
      'region / edge',
      'proxy variables',
      '--api-url reachable',
      'clock skew',
      'authenticated API call',
    ]) {
      expect(passed.stdout).toMatch(new RegExp(`^✓ ${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `, 'm'));
    }
    expect(passed.stdout).toContain('from profile "emu" (active)');

    const path = join(env.XDG_CONFIG_HOME, 'twilio-ci', 'config.json');
    chmodSync(path, 0o644);
    const failed = await runCi(['doctor', '--json'], { env });
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout);
    expect(report.ok).toBe(false);
    expect(report.checks.filter((check: { ok: boolean }) => !check.ok)).toEqual([
      { name: 'config file', ok: false, detail: `${path} has mode 0644: other users can read the secrets in it`, fix: `chmod 600 ${path}` },
    ]);
    expect(failed.stderr).toMatch(/ci: 1 of 8 checks failed: config file\n$/);
  });

  it('fails with a fix when there are no credentials and the API URL does not answer', async () => {
    const result = await runCi(['doctor', '--api-url', 'http://127.0.0.1:4998']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✗ credentials: no Twilio credentials found\n {4}fix: run `ci login`/m);
    expect(result.stdout).toMatch(/^✗ --api-url reachable: http:\/\/127\.0\.0\.1:4998: ECONNREFUSED\n {4}fix: start the API there/m);
  });
});

describe('ci profiles import', () => {
  const TWILIO_CLI_CONFIG = {
    profiles: {
      prod: {
        accountSid: 'AC0123456789abcdef0123456789abcdef',
        apiKey: 'SK0123456789abcdef0123456789abcdef',
        apiSecret: 'prod-secret-value',
        region: 'ie1',
      },
      staging: {
        accountSid: 'AC0123456789abcdef0123456789abcde0',
        apiKey: 'SK0123456789abcdef0123456789abcde0',
        apiSecret: 'staging-secret',
      },
      keychain: { accountSid: 'AC0123456789abcdef0123456789abcde1' },
    },
    activeProfile: 'prod',
    edge: 'dublin',
  };

  function home(): { HOME: string; XDG_CONFIG_HOME: string; file: string } {
    const HOME = tempDir('ci-home-');
    mkdirSync(join(HOME, '.twilio-cli'));
    const file = join(HOME, '.twilio-cli', 'config.json');
    writeFileSync(file, JSON.stringify(TWILIO_CLI_CONFIG, null, 2));
    return { HOME, XDG_CONFIG_HOME: join(HOME, '.config'), file };
  }

  it("imports the named or --all profiles from a temp HOME, never touching twilio-cli's file", async () => {
    const { file, ...env } = home();
    const before = { text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs };

    const refused = await runCi(['profiles', 'import'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'ci: name the profiles to import, or pass --all (stdin is not a terminal); hint: found: prod, staging, keychain\n',
    );

    const one = await runCi(['profiles', 'import', 'prod', '--json'], { env });
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual([
      {
        name: 'prod',
        accountSid: 'AC0123456789abcdef0123456789abcdef',
        apiKey: 'SK0123456789abcdef0123456789abcdef',
        region: 'ie1',
        edge: 'dublin',
        activeInTwilioCli: true,
        result: 'imported',
      },
      expect.objectContaining({ name: 'staging', result: 'not chosen' }),
      expect.objectContaining({ name: 'keychain', result: 'not chosen' }),
    ]);
    expect(one.stdout).not.toContain('prod-secret-value');

    const all = await runCi(['profiles', 'import', '--all'], { env });
    expect(all.stdout).toMatch(/^prod\t.*\tskipped: a ci profile has this name \(pass --overwrite\)$/m);
    expect(all.stdout).toMatch(/^staging\t.*\timported$/m);
    expect(all.stdout).toMatch(/^keychain\t.*\tskipped: no API key and secret in the file/m);

    const listed = JSON.parse((await runCi(['profiles', 'list', '--json'], { env })).stdout);
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'prod',
        active: true,
        auth: 'api key SK0123456789abcdef0123456789abcdef',
        region: 'ie1',
        edge: 'dublin',
      }),
      expect.objectContaining({ name: 'staging', active: false }),
    ]);
    expect({ text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs }).toEqual(before);
  });

  it('asks which ones on a terminal', async () => {
    const { file: _file, ...env } = home();
    const prompter = scriptedPrompter([]);
    let offered: string[] = [];
    prompter.checkbox = async (_message, choices) => {
      offered = choices.map((choice) => choice.name);
      return [defined(choices[1]).value] as never;
    };
    const proc = fakeProcess({ tty: true, env });
    expect(await main(['node', 'ci', 'profiles', 'import', '--json'], proc, { prompter: async () => prompter })).toBe(0);
    expect(offered[2]).toContain('cannot import');
    expect(JSON.parse(proc.out()).map((row: { result: string }) => row.result)).toEqual(['not chosen', 'imported', 'not chosen']);
  });

  it('says where it looked when twilio-cli is not set up (exit 4)', async () => {
    const HOME = tempDir('ci-home-');
    const result = await runCi(['profiles', 'import', '--all'], { env: { HOME } });
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(
      `ci: no twilio-cli configuration at ${join(HOME, '.twilio-cli', 'config.json')}; hint: set up twilio-cli with \`twilio login\`, or pass --from FILE\n`,
    );
  });
});
