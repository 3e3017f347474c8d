// Shell completion, `ci doctor` and `ci profiles import`, in-process (Tab through a real shell and binary: process.test.ts).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../support/emulator.js';
import { scriptedPrompter } from '../support/fake-prompter.js';
import { ci } from '../support/cli.js';
import { completeInBash as complete } from '../support/completion.js';
import { tempConfigHome } from '../support/run-ci.js';
import { tempDir } from '../support/temp.js';
import { defined } from '../support/defined.js';
import { jsonOf } from '../support/json.js';

const emulator = useTestEmulator();

describe('ci completion', () => {
  it('prints a bash script that loads and completes the real commands, aliases, flags and values', async () => {
    const { code, stdout } = await ci(['completion', 'bash']);
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

  it('offers the words a first argument may be beside free values: `ci results delete`', async () => {
    const { stdout } = await ci(['completion', 'bash']);
    expect(await complete(stdout, ['ci', 'results', ''])).toEqual(['delete']);
    expect(await complete(stdout, ['ci', 'results', 'del'])).toEqual(['delete']);
    const fish = await ci(['completion', 'fish']);
    expect(fish.stdout).toMatch(/complete -c ci .*results.* -a 'delete'/);
  });

  it('prints zsh and fish scripts for the same tree, and says how to install them', async () => {
    const zsh = await ci(['completion', 'zsh']);
    expect(zsh.stdout).toMatch(/^#compdef ci twilio-ci\n/);
    expect(zsh.stdout).toContain("'services|create') echo 'create' ;;");
    expect(zsh.stdout).toContain('else compdef _ci ci twilio-ci; fi');
    const fish = await ci(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c ci -n '__ci_path_is \\'services\\'' -a 'create' -d 'create a service'");
    expect(fish.stdout).toContain("-l webhook-method -x -a 'GET POST'");
    const help = await ci(['completion', '--help']);
    expect(help.stdout).toContain("echo 'source <(ci completion bash)' >> ~/.bashrc");
    expect((await ci(['completion', 'tcsh'])).code).toBe(2);
    expect((await ci(['completion'])).stderr).toBe(
      'ci: missing argument: the shell (bash, zsh or fish); hint: see `ci completion --help`\n',
    );
  });
});

describe('ci doctor', () => {
  it('passes against the emulator, then fails with the chmod fix on a 0644 config file', async () => {
    const env = { XDG_CONFIG_HOME: tempConfigHome() };
    const profile = ['profiles', 'add', 'emu', '--account-sid', emulator.accountSid, '--auth-token', emulator.authToken, '--activate'];
    expect((await ci(['--api-url', emulator.url, ...profile], { env })).code).toBe(0);

    const passed = await ci(['doctor'], { env });
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
      'v3 API call',
    ]) {
      expect(passed.stdout).toMatch(new RegExp(`^✓ ${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `, 'm'));
    }
    expect(passed.stdout).toContain('from profile "emu" (active)');

    const path = join(env.XDG_CONFIG_HOME, 'twilio-ci', 'config.json');
    chmodSync(path, 0o644);
    const failed = await ci(['doctor', '--json'], { env });
    expect(failed.code).toBe(1);
    const report = jsonOf<{ ok: boolean; checks: Array<{ ok: boolean }> }>(failed.stdout);
    expect(report.ok).toBe(false);
    expect(report.checks.filter((check) => !check.ok)).toEqual([
      { name: 'config file', ok: false, detail: `${path} has mode 0644: other users can read the secrets in it`, fix: `chmod 600 ${path}` },
    ]);
    expect(failed.stderr).toMatch(/ci: 1 of 9 checks failed: config file\n$/);
  });

  it('fails with a fix when there are no credentials and the API URL does not answer', async () => {
    const result = await ci(['doctor', '--api-url', 'http://127.0.0.1:4998']);
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

    const refused = await ci(['profiles', 'import'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'ci: name the profiles to import, or pass --all (stdin is not a terminal); hint: found: prod, staging, keychain\n',
    );

    const one = await ci(['profiles', 'import', 'prod', '--json'], { env });
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

    const all = await ci(['profiles', 'import', '--all'], { env });
    expect(all.stdout).toMatch(/^prod\t.*\tskipped: a ci profile has this name \(pass --overwrite\)$/m);
    expect(all.stdout).toMatch(/^staging\t.*\timported$/m);
    expect(all.stdout).toMatch(/^keychain\t.*\tskipped: no API key and secret in the file/m);

    const listed: unknown = JSON.parse((await ci(['profiles', 'list', '--json'], { env })).stdout);
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
    prompter.checkbox = (_message, choices) => {
      offered = choices.map((choice) => choice.name);
      return Promise.resolve([defined(choices[1]).value] as never);
    };
    const imported = await ci(['profiles', 'import', '--json'], { tty: true, env, prompter });
    expect(imported.code).toBe(0);
    expect(offered[2]).toContain('cannot import');
    expect(jsonOf<Array<{ result: string }>>(imported.stdout).map((row) => row.result)).toEqual(['not chosen', 'imported', 'not chosen']);
  });

  it('says where it looked when twilio-cli is not set up (exit 4)', async () => {
    const HOME = tempDir('ci-home-');
    const result = await ci(['profiles', 'import', '--all'], { env: { HOME } });
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(
      `ci: no twilio-cli configuration at ${join(HOME, '.twilio-cli', 'config.json')}; hint: set up twilio-cli with \`twilio login\`, or pass --from FILE\n`,
    );
  });
});
