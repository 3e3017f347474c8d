import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import * as cli from '../support/cli.js';
import { jsonOf } from '../support/json.js';
import { tempDir } from '../support/temp.js';

const emulator = useTestEmulator();
let env: Record<string, string | undefined>;

beforeAll(() => {
  env = emulatorEnv(emulator);
});

const ci = (args: string[], extra: Record<string, string | undefined> = {}) => cli.ci(args, { env: { ...env, ...extra } });

describe('ci services against the emulator', () => {
  it('creates, lists, shows, updates and deletes a service', async () => {
    const created = await ci([
      'services',
      'create',
      '--unique-name',
      'e2e-crud',
      '--language-code',
      'en-US',
      '--webhook-url',
      'https://example.com/hook',
      '--webhook-method',
      'post',
      '--json',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const service = jsonOf<{ sid: string }>(created.stdout);
    expect(service).toMatchObject({
      uniqueName: 'e2e-crud',
      languageCode: 'en-US',
      webhookUrl: 'https://example.com/hook',
      webhookHttpMethod: 'POST',
      version: 1,
    });
    expect(service.sid).toMatch(/^GA[0-9a-f]{32}$/);

    const listed = await ci(['services', 'list']);
    expect(listed.code).toBe(0);
    const [header, ...lines] = listed.stdout.trim().split('\n');
    expect(header?.split('\t')).toContain('SID');
    expect(lines.some((line) => line.startsWith(`${service.sid}\te2e-crud\t`))).toBe(true);

    const shown = await ci(['services', 'show', 'e2e-crud', '--json']);
    expect(JSON.parse(shown.stdout)).toEqual(service);

    const updated = await ci([
      'services',
      'update',
      service.sid,
      '--friendly-name',
      'E2E',
      '--auto-redaction',
      '--media-redaction',
      '--json',
    ]);
    expect(updated.code).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ friendlyName: 'E2E', autoRedaction: true, mediaRedaction: true, version: 2 });

    const fields = await ci(['services', 'show', 'e2e-crud', '--fields', 'sid,version', '--no-header']);
    expect(fields.stdout).toBe(`${service.sid}\t2\n`);

    const refused = await ci(['services', 'delete', 'e2e-crud']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');

    const deleted = await ci(['services', 'delete', 'e2e-crud', '--yes']);
    expect(deleted.code).toBe(0);
    const gone = await ci(['services', 'show', service.sid]);
    expect(gone.code).toBe(4);
    expect(gone.stderr).toMatch(/^ci: .*20404/);
  });

  it('surfaces a duplicate unique name as the API error with its Twilio code', async () => {
    expect((await ci(['services', 'create', '--unique-name', 'e2e-dup'])).code).toBe(0);
    const duplicate = await ci(['services', 'create', '--unique-name', 'e2e-dup']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists.*Twilio error \d+: https:\/\/www\.twilio\.com\/docs\/errors\/\d+/);
    expect(duplicate.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects bad input locally with exit 2, before any request', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['services', 'show', 'GA123'], /not a valid service SID/],
      [['services', 'create'], /missing required flag --unique-name/],
      [['services', 'create', '--unique-name', 'x', '--webhook-method', 'PUT'], /--webhook-method must be one of GET, POST/],
      [['services', 'create', '--unique-name', 'x', '--media-redaction'], /needs auto redaction/],
      [['services', 'update', 'e2e-dup', '--language-code', 'fr-FR'], /cannot change after it is created/],
      [['services', 'create', '--unique-name', 'x', '--webhook-url', 'not a url'], /--webhook-url must be a full http\(s\) URL/],
      [['services', 'list', '--limit', '-3'], /--limit/],
      [['services', 'frobnicate'], /unknown command/],
      [['services', 'list', '--bogus'], /unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const result = await ci(args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 3 with wrong credentials, and 3 with a hint when there are none', async () => {
    const wrong = await ci(['services', 'list'], { TWILIO_AUTH_TOKEN: 'wrong-token' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('20003');
    const none = await cli.ci(['services', 'list']);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/ci login.*ci emulator start/);
  });

  it('exits 4 for an unknown SID and for an unknown unique name', async () => {
    expect((await ci(['services', 'show', 'GA' + 'f'.repeat(32)])).code).toBe(4);
    expect((await ci(['services', 'show', 'no-such-service'])).code).toBe(4);
  });

  it('pages through many services with --limit and streams --ndjson', async () => {
    for (let i = 0; i < 3; i++) await ci(['services', 'create', '--unique-name', `e2e-page-${i}`]);
    const limited = await ci(['services', 'list', '--limit', '2', '--json']);
    expect(JSON.parse(limited.stdout)).toHaveLength(2);
    const all = await ci(['services', 'list', '--ndjson']);
    const names = all.stdout
      .trim()
      .split('\n')
      .map((line) => jsonOf<{ uniqueName: string }>(line).uniqueName);
    expect(names).toEqual(expect.arrayContaining(['e2e-page-0', 'e2e-page-1', 'e2e-page-2']));
  });
});

describe('profiles', () => {
  it('adds, lists (masked), uses and removes profiles; the file is 0600', async () => {
    const home = tempDir('ci-test-config-');
    const secret = emulator.authToken;
    const add = await cli.ci(
      ['profiles', 'add', 'emu', '--account-sid', emulator.accountSid, '--auth-token', secret, '--api-url', emulator.url],
      { env: { XDG_CONFIG_HOME: home } },
    );
    expect(add.code).toBe(0);
    const list = await cli.ci(['profiles', 'list', '--json'], { env: { XDG_CONFIG_HOME: home } });
    expect(list.stdout).not.toContain(secret);
    expect(jsonOf<unknown[]>(list.stdout)[0]).toMatchObject({ name: 'emu', active: true, secret: `********${secret.slice(-4)}` });
    const { statSync } = await import('node:fs');
    expect(statSync(`${home}/twilio-ci/config.json`).mode & 0o777).toBe(0o600);
    const withProfile = await cli.ci(['services', 'list', '--json'], { env: { XDG_CONFIG_HOME: home } });
    expect(withProfile.code).toBe(0);
    expect(
      (await cli.ci(['profiles', 'add', 'bad', '--account-sid', 'AC1', '--auth-token', 'x'], { env: { XDG_CONFIG_HOME: home } })).code,
    ).toBe(2);
    expect((await cli.ci(['profiles', 'use', 'missing'], { env: { XDG_CONFIG_HOME: home } })).code).toBe(2);
    expect((await cli.ci(['profiles', 'remove', 'emu'], { env: { XDG_CONFIG_HOME: home } })).code).toBe(0);
    expect((await cli.ci(['services', 'list'], { env: { XDG_CONFIG_HOME: home } })).code).toBe(3);
  });
});
