import { execFile } from 'node:child_process';
import { generateKeyPairSync, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CHILD_TIMEOUT_MS } from '../support/timeouts.js';
import { createTwilioClient } from '../../src/lib/client.js';
import { deferDefaultExport } from '../../src/lib/sdk-lazy.js';
import { useTestEmulator } from '../support/emulator.js';
import { tempDir } from '../support/temp.js';

const require = createRequire(import.meta.url);
const VALIDATION_TOKEN = require.resolve('twilio/lib/jwt/validation/ValidationToken.js');
const REQUEST_CLIENT = require.resolve('twilio/lib/base/RequestClient.js');
/** ci's client as built (the suite's pretest builds dist/). */
const BUILT_CLIENT = fileURLToPath(new URL('../../dist/lib/client.js', import.meta.url));
const run = promisify(execFile);

/** One request to a local server by `send`; resolves the headers it received. */
async function headersOfOneRequest(send: (url: string) => Promise<unknown>): Promise<IncomingHttpHeaders> {
  let received: IncomingHttpHeaders = {};
  const server = createServer((req, res) => {
    received = req.headers;
    res.setHeader('Content-Type', 'application/json');
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await send(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/Probe`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return received;
}

const base64url = (part: string) => Buffer.from(part, 'base64url');

describe("the SDK's own transport (RequestClient: axios, and the client validation token's jsonwebtoken), which ci replaces", () => {
  const emulator = useTestEmulator();
  const clientOptions = () => ({
    accountSid: emulator.accountSid,
    username: emulator.accountSid,
    password: emulator.authToken,
    source: 'the test',
    apiUrl: emulator.url,
  });
  const ciClient = () => createTwilioClient(clientOptions(), { env: {} });

  it("is not loaded by ci's client, even after a request", async () => {
    // In a process of its own: the test workers share one module registry across files (isolate: false),
    // where another file may have loaded the token already.
    const script = `
      const { createTwilioClient } = await import(${JSON.stringify(BUILT_CLIENT)});
      const client = await createTwilioClient(${JSON.stringify(clientOptions())}, { env: {} });
      await client.intelligence.v2.services.list({ limit: 1 });
      const loaded = Object.keys((await import('node:module')).createRequire(import.meta.url).cache);
      console.log(JSON.stringify(loaded));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { timeout: CHILD_TIMEOUT_MS });
    const loaded = JSON.parse(stdout) as string[];
    const from = (pkg: string) => loaded.filter((path) => path.includes(`/node_modules/${pkg}/`));
    expect(from('twilio').length).toBeGreaterThan(10);
    expect(loaded).not.toContain(REQUEST_CLIENT);
    expect(from('axios')).toEqual([]);
    expect(from('jsonwebtoken')).toEqual([]);
    expect(loaded).not.toContain(VALIDATION_TOKEN);
  });

  it('is the real RequestClient and ValidationToken for anyone who requires them afterwards', async () => {
    await ciClient();
    const RequestClient = require(REQUEST_CLIENT) as { name: string; prototype: { request: unknown } };
    expect(RequestClient.name).toBe('RequestClient');
    expect(typeof RequestClient.prototype.request).toBe('function');
    const ValidationToken = require(VALIDATION_TOKEN) as { name: string; ALGORITHMS: unknown };
    expect(typeof ValidationToken).toBe('function');
    expect(ValidationToken.name).toBe('ValidationToken');
    expect(ValidationToken.ALGORITHMS).toEqual(['RS256', 'PS256']);
  });

  it("still signs each request of the SDK's transport given a validation client", async () => {
    await ciClient();
    const { default: Transport } = await import('twilio/lib/base/RequestClient.js');
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const validationClient = {
      accountSid: emulator.accountSid,
      credentialSid: 'CR00000000000000000000000000000001',
      signingKey: 'SK00000000000000000000000000000001',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    const transport = new Transport({ validationClient });
    const headers = await headersOfOneRequest((uri) => transport.request({ method: 'get', uri }));
    const token = headers['twilio-client-validation'];
    expect(typeof token).toBe('string');
    const [header = '', payload = '', signature = ''] = String(token).split('.');
    expect(JSON.parse(base64url(header).toString())).toMatchObject({
      alg: 'RS256',
      kid: validationClient.credentialSid,
      cty: 'twilio-pkrv;v=1',
    });
    expect(JSON.parse(base64url(payload).toString())).toMatchObject({ iss: validationClient.signingKey, sub: emulator.accountSid });
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, base64url(signature))).toBe(true);
  });
});

describe('deferDefaultExport', () => {
  /** A CommonJS module counting its loads in a global, as plain `module.exports` or as TypeScript emits ES exports. */
  function moduleFile(name: string, esModule: boolean): string {
    const path = join(tempDir('ci-sdk-lazy-'), `${name}.cjs`);
    const value = `(globalThis.${name} = (globalThis.${name} ?? 0) + 1, class ${name} {})`;
    writeFileSync(path, esModule ? `exports.__esModule = true; exports.default = ${value};` : `module.exports = ${value};`);
    return path;
  }
  const loads = (name: string): unknown => Reflect.get(globalThis, name);

  it('loads the module when its default is first read, as __importDefault would give it', () => {
    for (const [name, esModule] of [
      ['PlainExports', false],
      ['EsExports', true],
    ] as const) {
      const path = moduleFile(name, esModule);
      deferDefaultExport(path);
      const standIn = require(path) as { default: { name: string } };
      expect(loads(name)).toBeUndefined();
      expect(standIn.default.name).toBe(name); // read while the stand-in is still in the cache
      expect(loads(name)).toBe(1);
      const real = require(path) as { default?: unknown };
      expect(standIn.default).toBe(esModule ? real.default : real);
      expect(loads(name)).toBe(1);
    }
  });

  it('once taken out unread, lets the module load as usual; and leaves a loaded module alone', () => {
    const path = moduleFile('TakenOut', false);
    deferDefaultExport(path)();
    const real: unknown = require(path);
    expect(typeof real).toBe('function');
    deferDefaultExport(path);
    expect(require(path)).toBe(real);
  });
});
