import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigStore } from '../../src/lib/config.js';
import { NO_PROFILES, environmentDecides, maskSecret, resolveCredentials } from '../../src/lib/credentials.js';
import { maskedProfile } from '../../src/lib/profiles.js';
import { tempConfigHome } from '../support/run-ci.js';

const AC_PROFILE = 'AC' + 'a'.repeat(32);
const AC_ENV = 'AC' + 'b'.repeat(32);
const AC_SELECTED = 'AC' + 'c'.repeat(32);

async function storeWithProfiles() {
  const env = { XDG_CONFIG_HOME: tempConfigHome() };
  const config = await ConfigStore.open(env);
  config.setProfile('main', {
    accountSid: AC_PROFILE,
    authToken: 'main-token',
    apiUrl: 'http://127.0.0.1:1',
    serviceSid: 'GA' + '1'.repeat(32),
  });
  config.setProfile('other', { accountSid: AC_SELECTED, apiKey: 'SK' + 'd'.repeat(32), apiSecret: 'other-secret' });
  return { env, config };
}

describe('credential precedence', () => {
  it('uses the active profile when nothing else is given', async () => {
    const { env, config } = await storeWithProfiles();
    const creds = resolveCredentials({}, env, config);
    expect(creds).toMatchObject({ accountSid: AC_PROFILE, username: AC_PROFILE, password: 'main-token', apiUrl: 'http://127.0.0.1:1' });
    expect(creds.source).toContain('active');
  });

  it('lets TWILIO_CI_PROFILE select a profile over the active one', async () => {
    const { env, config } = await storeWithProfiles();
    const creds = resolveCredentials({}, { ...env, TWILIO_CI_PROFILE: 'other' }, config);
    expect(creds).toMatchObject({ accountSid: AC_SELECTED, username: 'SK' + 'd'.repeat(32), password: 'other-secret' });
  });

  it('prefers environment credentials over selected and active profiles', async () => {
    const { env, config } = await storeWithProfiles();
    const creds = resolveCredentials(
      {},
      { ...env, TWILIO_CI_PROFILE: 'other', TWILIO_ACCOUNT_SID: AC_ENV, TWILIO_AUTH_TOKEN: 'env-token' },
      config,
    );
    expect(creds).toMatchObject({ accountSid: AC_ENV, password: 'env-token' });
    expect(creds.source).toContain('environment');
  });

  it('lets the --profile flag win over the environment, and flags win for settings', async () => {
    const { env, config } = await storeWithProfiles();
    const fullEnv = {
      ...env,
      TWILIO_ACCOUNT_SID: AC_ENV,
      TWILIO_AUTH_TOKEN: 'env-token',
      TWILIO_CI_API_URL: 'http://127.0.0.1:2',
      TWILIO_REGION: 'au1',
    };
    const creds = resolveCredentials({ profile: 'main', apiUrl: 'http://127.0.0.1:3' }, fullEnv, config);
    expect(creds).toMatchObject({ accountSid: AC_PROFILE, apiUrl: 'http://127.0.0.1:3', region: 'au1' });
    expect(resolveCredentials({ profile: 'main' }, fullEnv, config).apiUrl).toBe('http://127.0.0.1:2');
  });

  it('takes API key credentials from the environment', async () => {
    const { env, config } = await storeWithProfiles();
    const creds = resolveCredentials(
      {},
      { ...env, TWILIO_ACCOUNT_SID: AC_ENV, TWILIO_API_KEY: 'SK' + 'e'.repeat(32), TWILIO_API_SECRET: 's3' },
      config,
    );
    expect(creds).toMatchObject({ accountSid: AC_ENV, username: 'SK' + 'e'.repeat(32), password: 's3' });
  });

  it('fails with exit 3 and a hint naming ci login, the variables and the emulator when nothing is configured', async () => {
    const config = await ConfigStore.open({ XDG_CONFIG_HOME: tempConfigHome() });
    let error: unknown;
    try {
      resolveCredentials({}, {}, config);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ exitCode: 3 });
    expect((error as { hint: string }).hint).toMatch(/ci login.*TWILIO_ACCOUNT_SID.*ci emulator start/);
  });

  // A run the environment decides never opens the config file (conf and ajv stay unloaded): the answer is the same.
  it('says when the environment alone decides, and then needs no profiles', async () => {
    const { env, config } = await storeWithProfiles();
    const fullEnv = { ...env, TWILIO_ACCOUNT_SID: AC_ENV, TWILIO_AUTH_TOKEN: 'env-token' };
    expect(environmentDecides({}, fullEnv)).toBe(true);
    expect(resolveCredentials({}, fullEnv, NO_PROFILES)).toEqual(resolveCredentials({}, fullEnv, config));
    expect(environmentDecides({ profile: 'main' }, fullEnv)).toBe(false);
    expect(environmentDecides({}, { ...fullEnv, TWILIO_AUTH_TOKEN: undefined })).toBe(false);
    expect(environmentDecides({}, env)).toBe(false);
  });

  it('names the known profiles when a selected one does not exist', async () => {
    const { env, config } = await storeWithProfiles();
    expect(() => resolveCredentials({ profile: 'nope' }, env, config)).toThrow(/no profile named "nope"/);
  });
});

describe('secrets at rest and on screen', () => {
  it('writes the config file with mode 0600', async () => {
    const { config } = await storeWithProfiles();
    expect(statSync(config.path).mode & 0o777).toBe(0o600);
    expect(config.permissionWarnings()).toEqual([]);
  });

  it('masks secrets, keeping only the last four characters of long ones', () => {
    expect(maskSecret('0123456789abcdef0123456789abcdef')).toBe('********cdef');
    expect(maskSecret('short')).toBe('********');
    const row = maskedProfile('p', { accountSid: AC_PROFILE, authToken: 'the-real-auth-token-value' }, true);
    expect(JSON.stringify(row)).not.toContain('the-real-auth-token-value');
  });
});
