import { describe, expect, it } from 'vitest';
import { parseApiUrl } from '../../src/lib/client.js';
import { proxyCheck } from '../../src/lib/doctor.js';
import { isLoopbackHost } from '../../src/lib/loopback.js';

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]', '::1'])('%s stays on this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['example.com', '127.0.0.1.example.com', '128.0.0.1', '0.0.0.0', '[::2]', 'localhost.example.com'])('%s does not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('is the one check behind --api-url and doctor', () => {
    expect(parseApiUrl('http://127.0.0.2:4010').host).toBe('127.0.0.2:4010');
    expect(parseApiUrl('http://[::1]:4010').hostname).toBe('[::1]');
    expect(() => parseApiUrl('http://example.com')).toThrow(/refusing to send credentials over plain http/);
    const env = { HTTP_PROXY: 'http://proxy.example.com:3128' };
    expect(proxyCheck(env, 'http://[::1]:4010')).toMatchObject({
      ok: true,
      detail: 'requests to [::1]:4010 go direct (a local address); set: HTTP_PROXY',
    });
    expect(proxyCheck(env, 'https://example.com')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^requests to example.com go through the proxy proxy.example.com:3128/) as unknown,
    });
    expect(proxyCheck({ ...env, NO_PROXY: 'example.com' }, 'https://example.com').detail).toMatch(
      /^requests to example.com go direct; set/,
    );
    expect(proxyCheck({ HTTPS_PROXY: 'socks5://p:1' }, 'https://example.com')).toMatchObject({
      ok: false,
      fix: "use the proxy's http:// address, or unset HTTPS_PROXY",
    });
  });
});
