// What real Twilio sits behind for many users: an https endpoint, a corporate proxy, a private CA.
// ci's requests go through its own transport (not the SDK's axios one): HTTPS_PROXY/NO_PROXY and
// TWILIO_CA_BUNDLE come from the environment ci is given, and every failure is one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ci } from '../support/cli.js';
import { useTestEmulator } from '../support/emulator.js';
import { forwardingTo, PROXIED_HOST, startHttps, startProxy, TLS_CERT_PATH, type Local, type SeenByProxy } from '../support/network.js';

describe('ci over https through a proxy, trusting a private CA', () => {
  const emulator = useTestEmulator();
  let front: Local;
  let proxy: Local & { seen: SeenByProxy[] };
  let env: Record<string, string>;
  beforeAll(async () => {
    front = await startHttps(forwardingTo(emulator.url));
    proxy = await startProxy({ tunnelPort: front.port });
    env = {
      TWILIO_ACCOUNT_SID: emulator.accountSid,
      TWILIO_AUTH_TOKEN: emulator.authToken,
      TWILIO_CI_API_URL: `https://${PROXIED_HOST}:${front.port}`,
      HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`,
      TWILIO_CA_BUNDLE: TLS_CERT_PATH,
    };
  });
  afterAll(async () => {
    await proxy.close();
    await front.close();
  });

  it('creates and lists through the tunnel', async () => {
    expect((await ci(['services', 'create', '--unique-name', 'behind-proxy'], { env })).code).toBe(0);
    const listed = await ci(['services', 'list', '--json'], { env });
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ uniqueName: string }>).map((service) => service.uniqueName)).toContain('behind-proxy');
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.every((entry) => entry.method === 'CONNECT' && entry.target === `${PROXIED_HOST}:${front.port}`)).toBe(true);
  });

  it('refuses an untrusted certificate in one line, naming TWILIO_CA_BUNDLE', async () => {
    const result = await ci(['services', 'list'], { env: { ...env, TWILIO_CA_BUNDLE: undefined } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^ci: the API's TLS certificate could not be verified \([A-Z_]+\).*TWILIO_CA_BUNDLE/),
    ]);
  });

  it('says in one line when TWILIO_CA_BUNDLE or a proxy variable is wrong (exit 2)', async () => {
    const missing = await ci(['services', 'list'], { env: { ...env, TWILIO_CA_BUNDLE: '/nonexistent/ca.pem' } });
    expect({ code: missing.code, stderr: missing.stderr.trim() }).toEqual({
      code: 2,
      stderr: expect.stringMatching(/^ci: TWILIO_CA_BUNDLE names "\/nonexistent\/ca.pem", which cannot be read \(ENOENT\)/) as unknown,
    });
    const socks = await ci(['services', 'list'], { env: { ...env, HTTPS_PROXY: 'socks5://127.0.0.1:1080' } });
    expect({ code: socks.code, lines: socks.stderr.trim().split('\n').length }).toEqual({ code: 2, lines: 1 });
  });

  it('doctor reaches the endpoint the same way and says which proxy it used', async () => {
    const result = await ci(['doctor', '--json'], { env });
    const checks = (JSON.parse(result.stdout) as { checks: Array<{ name: string; ok: boolean; detail: string }> }).checks;
    const byName = Object.fromEntries(checks.map((check) => [check.name, check]));
    expect(byName['proxy variables']).toMatchObject({
      ok: true,
      detail: expect.stringContaining(`through the proxy 127.0.0.1:${proxy.port}`) as unknown,
    });
    expect(byName['--api-url reachable']).toMatchObject({ ok: true });
  });
});
