// Secrets off the command line: every command that takes one also reads it from stdin, from the
// environment, or from a prompt on a terminal, so it never has to appear in `ps`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { DEFAULT_ACCOUNT_SID, DEFAULT_API_KEY_SID } from '../../src/emulator/index.js';
import { twilioSignature } from '../../src/emulator/index.js';
import { fakeProcess } from '../support/fake-process.js';
import { scriptedPrompter } from '../support/fake-prompter.js';
import { ci } from '../support/cli.js';
import { tempConfigHome } from '../support/run-ci.js';
import { TEST_API_KEY_SECRET, TEST_AUTH_TOKEN } from '../support/secrets.js';
import { startCi } from '../support/serve-ci.js';

const ACCOUNT = DEFAULT_ACCOUNT_SID;
const savedProfile = (home: string, name: string) =>
  (JSON.parse(readFileSync(join(home, 'twilio-ci', 'config.json'), 'utf8')) as { profiles: Record<string, Record<string, string>> })
    .profiles[name];

describe('ci profiles add without the secret in its arguments', () => {
  it('reads the auth token from stdin with --auth-token-stdin', async () => {
    const home = tempConfigHome();
    const added = await ci(['profiles', 'add', 'p', '--account-sid', ACCOUNT, '--auth-token-stdin'], {
      env: { XDG_CONFIG_HOME: home },
      stdin: `${TEST_AUTH_TOKEN}\n`,
    });
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(savedProfile(home, 'p')).toMatchObject({ accountSid: ACCOUNT, authToken: TEST_AUTH_TOKEN });
  });

  it('reads the API key secret from stdin with --api-secret-stdin', async () => {
    const home = tempConfigHome();
    const added = await ci(['profiles', 'add', 'k', '--account-sid', ACCOUNT, '--api-key', DEFAULT_API_KEY_SID, '--api-secret-stdin'], {
      env: { XDG_CONFIG_HOME: home },
      stdin: TEST_API_KEY_SECRET,
    });
    expect(added.code).toBe(0);
    expect(savedProfile(home, 'k')).toMatchObject({ apiKey: DEFAULT_API_KEY_SID, apiSecret: TEST_API_KEY_SECRET });
  });

  it('takes TWILIO_AUTH_TOKEN from the environment', async () => {
    const home = tempConfigHome();
    const added = await ci(['profiles', 'add', 'e', '--account-sid', ACCOUNT], {
      env: { XDG_CONFIG_HOME: home, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN },
    });
    expect(added.code).toBe(0);
    expect(savedProfile(home, 'e')).toMatchObject({ authToken: TEST_AUTH_TOKEN });
  });

  it('asks for the auth token on a terminal', async () => {
    const home = tempConfigHome();
    const proc = fakeProcess({ tty: true, env: { XDG_CONFIG_HOME: home } });
    const prompter = scriptedPrompter([TEST_AUTH_TOKEN]);
    expect(
      await main(['node', 'ci', 'profiles', 'add', 't', '--account-sid', ACCOUNT], proc, { prompter: () => Promise.resolve(prompter) }),
    ).toBe(0);
    expect(prompter.asked).toEqual(['Auth token']);
    expect(savedProfile(home, 't')).toMatchObject({ authToken: TEST_AUTH_TOKEN });
  });
});

describe('servers without the secret in their arguments', () => {
  it('ci emulator start reads its auth token from stdin', async () => {
    const emulator = await startCi(['emulator', 'start', '--ndjson', '--no-profile', '--auth-token-stdin'], {}, 'stdin-emulator-token\n');
    expect(await emulator.stop()).toBe(0);
    expect(emulator.first).toMatchObject({ event: 'listening', authToken: 'stdin-emulator-token' });
  });

  it('ci emulator start takes TWILIO_CI_EMULATOR_AUTH_TOKEN', async () => {
    const emulator = await startCi(['emulator', 'start', '--ndjson', '--no-profile'], {
      TWILIO_CI_EMULATOR_AUTH_TOKEN: 'env-emulator-token',
    });
    expect(await emulator.stop()).toBe(0);
    expect(emulator.first).toMatchObject({ authToken: 'env-emulator-token' });
  });

  it('ci webhook listen checks signatures with the token read from stdin', async () => {
    const env = { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_KEY: DEFAULT_API_KEY_SID, TWILIO_API_SECRET: TEST_API_KEY_SECRET };
    const listener = await startCi(['webhook', 'listen', '--ndjson', '--auth-token-stdin'], env, `${TEST_AUTH_TOKEN}\n`);
    const url = listener.first.url as string;
    const params = { event_type: 'voice_intelligence_transcript_available', transcript_sid: 'GT' + 'a'.repeat(32) };
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilioSignature(TEST_AUTH_TOKEN, url, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
    expect(await listener.stop()).toBe(0);
  });

  it('ci webhook listen with API-key credentials takes TWILIO_AUTH_TOKEN for signatures', async () => {
    const env = {
      TWILIO_ACCOUNT_SID: ACCOUNT,
      TWILIO_API_KEY: DEFAULT_API_KEY_SID,
      TWILIO_API_SECRET: TEST_API_KEY_SECRET,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    };
    const listener = await startCi(['webhook', 'listen', '--ndjson'], env);
    expect(await listener.stop()).toBe(0);
    expect(listener.first).toMatchObject({ event: 'listening' });
  });
});
