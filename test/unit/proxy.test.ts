import { describe, expect, it } from 'vitest';
import { proxyEndpoint, proxyFor, proxySettings } from '../../src/lib/proxy.js';
import { UsageError } from '../../src/lib/errors.js';

const via = (env: Record<string, string>, target: string) => proxyFor(new URL(target), proxySettings(env))?.host;

describe('proxySettings and proxyFor', () => {
  it('sends https through HTTPS_PROXY, else HTTP_PROXY; http through HTTP_PROXY only', () => {
    expect(via({ HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://p:2' }, 'https://api.twilio.com')).toBe('s:1');
    expect(via({ HTTP_PROXY: 'http://p:2' }, 'https://api.twilio.com')).toBe('p:2');
    expect(via({ HTTPS_PROXY: 'http://s:1' }, 'http://example.com')).toBeUndefined();
    expect(via({ https_proxy: 's:3' }, 'https://api.twilio.com')).toBe('s:3'); // lower case, no scheme
    expect(via({}, 'https://api.twilio.com')).toBeUndefined();
  });

  it('goes direct for NO_PROXY entries: *, domains with or without a dot, ports, addresses', () => {
    const env = (noProxy: string) => ({ HTTPS_PROXY: 'http://s:1', NO_PROXY: noProxy });
    expect(via(env('*'), 'https://api.twilio.com')).toBeUndefined();
    expect(via(env('twilio.com'), 'https://intelligence.twilio.com')).toBeUndefined();
    expect(via(env('.twilio.com'), 'https://twilio.com')).toBeUndefined();
    expect(via(env('*.twilio.com'), 'https://api.twilio.com')).toBeUndefined();
    expect(via(env('eviltwilio.com'), 'https://twilio.com')).toBe('s:1');
    expect(via(env('example.com, twilio.com:8443'), 'https://twilio.com')).toBe('s:1');
    expect(via(env('example.com twilio.com:8443'), 'https://twilio.com:8443')).toBeUndefined();
    expect(via(env('10.0.0.7'), 'https://10.0.0.7')).toBeUndefined();
    expect(via(env('[fd00::1]:443'), 'https://[fd00::1]')).toBeUndefined();
    expect(via(env('FD00::2'), 'https://[fd00::2]')).toBeUndefined();
  });

  it('refuses a proxy that is not a URL, or not an http one, naming the variable', () => {
    expect(() => proxySettings({ HTTP_PROXY: 'http://exa mple:1' })).toThrow(UsageError);
    expect(() => proxySettings({ HTTP_PROXY: 'http://exa mple:1' })).toThrow('HTTP_PROXY is not a URL: "http://exa mple:1"');
    expect(() => proxySettings({ HTTPS_PROXY: 'http://me:s3cret@exa mple:1' })).toThrow(
      'HTTPS_PROXY is not a URL: "http://[redacted]@exa mple:1"',
    );
    expect(() => proxySettings({ HTTPS_PROXY: 'me:s3cret@exa mple:1' })).toThrow('HTTPS_PROXY is not a URL: "[redacted]@exa mple:1"');
    expect(() => proxySettings({ https_proxy: 'socks5://p:1080' })).toThrow(/https_proxy is a socks5 proxy; ci talks to http proxies only/);
  });

  it("gives the proxy's URL credentials as Basic authorization, decoded", () => {
    expect(proxyEndpoint(new URL('http://me:p%40ss@p:1'), 'h').headers['Proxy-Authorization']).toBe(
      `Basic ${Buffer.from('me:p@ss').toString('base64')}`,
    );
    expect(proxyEndpoint(new URL('http://p:1'), 'h').headers['Proxy-Authorization']).toBeUndefined();
  });
});
