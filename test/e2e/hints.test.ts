// Errors and hints that point the right way (#11): each bad input names what is wrong and what to do.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import * as cli from '../support/cli.js';
import { startCi } from '../support/serve-ci.js';
import { sdkClient } from '../support/sdk.js';
import { TEST_AUTH_TOKEN } from '../support/secrets.js';
import { tempDir } from '../support/temp.js';

const emulator = useTestEmulator();
let env: Record<string, string | undefined>;
const ACCOUNT = `AC${'1'.repeat(32)}`;
const RECORDING = 'RE00000000000000000000000000000001';

beforeAll(async () => {
  env = emulatorEnv(emulator);
  await sdkClient(emulator).intelligence.v2.services.create({ uniqueName: 'hints-ci' });
});

const ci = (args: string[], options: cli.InProcessOptions = {}) => cli.ci(args, { env, ...options });

describe('names that could not be used', () => {
  it('services create refuses a unique name that looks like a service SID, saying why', async () => {
    const run = await ci(['services', 'create', '--unique-name', `GA${'a'.repeat(32)}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/looks like a service SID \(GA \+ 32 hex digits\): every command would read it as a SID/);
  });

  it('profiles add of an existing profile needs --overwrite', async () => {
    const home = tempDir('ci-hints-profiles-');
    const add = (...extra: string[]) =>
      cli.ci(['profiles', 'add', 'twice', '--account-sid', ACCOUNT, '--auth-token', 'x', ...extra], {
        env: { HOME: home, XDG_CONFIG_HOME: home },
      });
    expect((await add('--api-url', 'http://127.0.0.1:4010')).code).toBe(0);
    const again = await add();
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/a profile named "twice" already exists; hint: pass --overwrite to replace it/);
    expect((await add('--overwrite')).code).toBe(0);
  });
});

describe('credentials', () => {
  it('half-set credentials name the missing variable (exit 3)', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ TWILIO_ACCOUNT_SID: ACCOUNT }, 'TWILIO_AUTH_TOKEN (or TWILIO_API_KEY + TWILIO_API_SECRET) is not set'],
      [{ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_KEY: `SK${'1'.repeat(32)}` }, 'TWILIO_API_SECRET is not set (for TWILIO_API_KEY)'],
      [{ TWILIO_AUTH_TOKEN: 'x' }, 'TWILIO_ACCOUNT_SID is not set'],
    ];
    for (const [variables, message] of cases) {
      const run = await cli.ci(['services', 'list'], { env: variables });
      expect(run.code, message).toBe(3);
      expect(run.stderr, message).toContain(`ci: ${message}; hint:`);
    }
  });

  it('a malformed account SID is refused before any request (exit 2)', async () => {
    const run = await cli.ci(['services', 'list'], { env: { TWILIO_ACCOUNT_SID: 'AC12', TWILIO_AUTH_TOKEN: 'x' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ci: TWILIO_ACCOUNT_SID: "AC12" is not a valid account SID/);
  });
});

describe('transcribe', () => {
  it('a recording that is not found points at the SID and the account, not --customer-key', async () => {
    const run = await ci(['transcribe', `RE${'9'.repeat(32)}`, '--service', 'hints-ci']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/hint: check the recording SID, and that the credentials are for the account that has it/);
    expect(run.stderr).not.toContain('--customer-key');
  });

  it('--force names the deleted transcript on stderr, also when piped', async () => {
    const first = await ci(['transcribe', RECORDING, '--service', 'hints-ci', '--json']);
    const old = (JSON.parse(first.stdout) as { sid: string }).sid;
    const forced = await ci(['transcribe', RECORDING, '--service', 'hints-ci', '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe(`Deleted transcript ${old} of ${RECORDING} (--force).\n`);
  });
});

describe('servers', () => {
  let taken: Server;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('a port out of range is a usage error naming the flag', async () => {
    const run = await ci(['webhook', 'listen', '--no-verify', '--port', '70000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--port must be a port from 0 to 65535/);
  });

  it('a port in use suggests --port 0', async () => {
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const run = await ci(['webhook', 'listen', '--no-verify', '--port', String(port)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already in use.*hint: .*--port 0 for any free one/);
  });

  // Behind a tunnel the server's webhook URL stays the same across restarts.
  const SERVE = [
    'serve',
    '--service',
    'hints-ci',
    '--ndjson',
    '--auth-token',
    TEST_AUTH_TOKEN,
    '--public-url',
    'https://tunnel.example.com',
  ];

  it("ci serve warns when the service's webhook does not point at it, with the command that fixes it", async () => {
    const serve = await startCi(SERVE, env);
    const webhookUrl = serve.first.webhookUrl as string;
    expect(serve.stderr()).toContain(
      `warning: the webhook URL of service hints-ci is not set, not at this server; to point it here: ci webhook set hints-ci ${webhookUrl}`,
    );
    expect(await serve.stop()).toBe(0);
    expect((await ci(['webhook', 'set', 'hints-ci', webhookUrl])).code).toBe(0);
    const again = await startCi(SERVE, env);
    expect(again.stderr()).toBe('');
    expect(await again.stop()).toBe(0);
  });
});

describe('config as code', () => {
  it('ci apply FILE suggests -f FILE', async () => {
    const run = await ci(['apply', 'intelligence.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ci: ci apply takes no arguments (got "intelligence.yaml"); hint: to read that file: -f intelligence.yaml\n');
  });

  it('ci export takes --json beside --format', async () => {
    const run = await ci(['export', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('services');
  });
});
