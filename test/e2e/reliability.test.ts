// Retries, uncertain writes, insecure http and config permissions, in-process (Ctrl-C, closed pipes and
// secrets in real streams: process.test.ts).
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, type FaultOptions, seededRandom } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { ci } from '../support/cli.js';
import { tempConfigHome } from '../support/run-ci.js';
import { TEST_AUTH_TOKEN } from '../support/secrets.js';
import { startServer } from '../support/serve-ci.js';
import { statsOf } from '../support/stats.js';

const emulators: TestEmulator[] = [];
async function emulatorWith(faults: FaultOptions, extra: Parameters<typeof startTestEmulator>[0] = {}): Promise<TestEmulator> {
  const emulator = await startTestEmulator({ faults, ...extra });
  emulators.push(emulator);
  return emulator;
}
afterAll(async () => {
  for (const emulator of emulators) {
    await emulator.close();
    expect(emulator.violations).toEqual([]);
  }
});

/** A seed whose first request fails (500/503) and whose second passes, at fail rate 0.5. */
function seedFailingOnce(): number {
  for (let seed = 0; ; seed++) {
    const random = seededRandom(seed);
    const first = random();
    random(); // 500 or 503
    if (first < 0.5 && random() >= 0.5) return seed;
  }
}

describe('retries', () => {
  it('retries a failed GET and succeeds, logging the retry with its reason under --debug', async () => {
    const emulator = await emulatorWith({ failRate: 0.5, seed: seedFailingOnce() });
    const listed = await ci(['--debug', 'services', 'list'], { env: emulatorEnv(emulator) });
    expect(listed.code).toBe(0);
    expect(listed.stderr).toMatch(/\[debug\] ← 50[03] GET .*\/v2\/Services/);
    expect(listed.stderr).toMatch(/\[debug\] retry 1\/4 in \d+ ms: HTTP 50[03]/);
    expect(listed.stderr).toMatch(/\[debug\] ← 200 GET/);
    expect((await statsOf(emulator)).faults).toEqual({ fail: 1 });
  });

  it('gives up on 429 after --max-retries, honouring Retry-After, and shows the Twilio code', async () => {
    const emulator = await emulatorWith({ throttleRate: 1 });
    const listed = await ci(['--debug', '--max-retries', '1', 'services', 'list'], { env: emulatorEnv(emulator) });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain('retry 1/1 in 1000 ms: HTTP 429 (rate limited)');
    expect(listed.stderr).toMatch(/^ci: Too Many Requests \(Twilio error 20429: https:\/\/www\.twilio\.com\/docs\/errors\/20429\)$/m);
    expect((await statsOf(emulator)).faults).toEqual({ throttle: 2 });
  });

  it('gives up on 5xx after --max-retries with one line and exit 1', async () => {
    const emulator = await emulatorWith({ failRate: 1 });
    const listed = await ci(['--max-retries', '2', 'services', 'list'], { env: emulatorEnv(emulator) });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toMatch(/^ci: (Internal Server Error|Service Unavailable) \(Twilio error 2050[03]: \S+\)\n$/);
    expect((await statsOf(emulator)).faults).toEqual({ fail: 3 });
  });

  it('answers 429 beyond --max-concurrency and the client retries its way through', async () => {
    const emulator = await emulatorWith({ maxConcurrency: 1, latencyMs: 30 });
    const runs = await Promise.all([1, 2, 3].map(() => ci(['services', 'list'], { env: emulatorEnv(emulator) })));
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
  });

  it('retries a GET that timed out (--request-timeout), then reports the timeout in one line', async () => {
    const emulator = await emulatorWith({ latencyMs: 1000 });
    const listed = await ci(['--debug', '--request-timeout', '100ms', '--max-retries', '1', 'services', 'list'], {
      env: emulatorEnv(emulator),
    });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toMatch(/\[debug\] retry 1\/1 in \d+ ms: connection lost \(ETIMEDOUT\)/);
    expect(listed.stderr).toMatch(/^ci: the API did not send its whole answer within 100ms; hint: raise --request-timeout/m);
  });

  it('never re-sends a create after the connection dropped once it was sent', async () => {
    const emulator = await emulatorWith({ resetAfterCommitRate: 1 });
    const created = await ci(['--debug', 'services', 'create', '--unique-name', 'uncertain'], { env: emulatorEnv(emulator) });
    expect(created.code).toBe(1);
    expect(created.stderr).toMatch(
      /^ci: the request to \S+\/v2\/Services failed after it was sent; the server may have applied it; hint: check whether the change happened/m,
    );
    expect(created.stderr).not.toContain('retry');
    const stats = await statsOf(emulator);
    expect(stats.requests['POST /v2/Services']).toBe(1);
    expect(stats.created.services).toBe(1);
  });
});

describe('ci emulator start with fault flags', () => {
  it('serves the faults it was started with and counts them', async () => {
    const home = tempConfigHome();
    const server = startServer(
      [
        'emulator',
        'start',
        '--no-profile',
        '--port',
        '0',
        '--fail-rate',
        '1',
        '--seed',
        '3',
        '--seed-transcripts',
        '2',
        '--latency-ms',
        '5',
        '--latency-jitter-ms',
        '5',
      ],
      { env: { XDG_CONFIG_HOME: home } },
    );
    const [, url = ''] = await server.printed(/listening on (\S+)/);
    const address = { url, accountSid: DEFAULT_ACCOUNT_SID, authToken: DEFAULT_AUTH_TOKEN };
    const env = { TWILIO_ACCOUNT_SID: DEFAULT_ACCOUNT_SID, TWILIO_AUTH_TOKEN: DEFAULT_AUTH_TOKEN, TWILIO_CI_API_URL: url };
    const listed = await ci(['--max-retries', '0', 'services', 'list'], { env });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toMatch(/Twilio error 2050[03]/);
    const stats = await statsOf(address);
    expect(stats.faults).toEqual({ fail: 1 });
    expect(stats.created.transcripts).toBe(2);
    expect(await server.stop()).toBe(0);
  });
});

describe('secrets', () => {
  it('writes the config 0600 and warns with the chmod that fixes a config readable by others', async () => {
    const home = tempConfigHome();
    const added = await ci(['profiles', 'add', 'p', '--account-sid', 'AC' + '1'.repeat(32), '--auth-token', TEST_AUTH_TOKEN], {
      env: { XDG_CONFIG_HOME: home },
    });
    expect(added.code).toBe(0);
    const file = join(home, 'twilio-ci', 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o644);
    const listed = await ci(['profiles', 'list'], { env: { XDG_CONFIG_HOME: home } });
    expect(listed.code).toBe(0);
    expect(listed.stderr).toBe(`warning: ${file} is readable by other users and holds secrets; fix it with: chmod 600 ${file}\n`);
  });

  it('refuses plain http to a non-loopback API unless --allow-insecure-http', async () => {
    const env = { TWILIO_ACCOUNT_SID: 'AC' + '1'.repeat(32), TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN };
    const refused = await ci(['--api-url', 'http://api.example.com', 'services', 'list'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'ci: refusing to send credentials over plain http to api.example.com; hint: use https, a loopback address, or pass --allow-insecure-http\n',
    );
    const allowed = await ci(['--allow-insecure-http', '--max-retries', '0', '--api-url', 'http://ci-test.invalid', 'services', 'list'], {
      env,
    });
    expect(allowed.code).toBe(1);
    expect(allowed.stderr).toMatch(/^ci: could not reach the API \((ENOTFOUND|EAI_AGAIN)\)/);
  });
});
