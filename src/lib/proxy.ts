// Which proxy, if any, a request goes through: the usual HTTPS_PROXY / HTTP_PROXY / NO_PROXY variables
// (upper or lower case), read once from the environment ci was given. Pure functions: tested without a network.
import type { Env } from './io-types.js';
import { UsageError } from './errors.js';
import { isLoopbackHost } from './loopback.js';

export interface ProxySettings {
  /** For https requests: HTTPS_PROXY, else HTTP_PROXY (the one the Twilio SDK itself reads for https). */
  https?: URL;
  /** For plain http requests: HTTP_PROXY. */
  http?: URL;
  /** NO_PROXY's entries, lower case: `*`, host names (a leading dot or `*.` optional), IP addresses, each with an optional `:port`. */
  bypass: string[];
}

export const NO_PROXY: ProxySettings = { bypass: [] };

function variable(env: Env, name: string): { name: string; value: string } | undefined {
  for (const spelling of [name, name.toLowerCase()]) {
    const value = env[spelling]?.trim();
    if (value) return { name: spelling, value };
  }
  return undefined;
}

function proxyUrl(setting: { name: string; value: string } | undefined): URL | undefined {
  if (!setting) return undefined;
  // As curl does, a proxy given without a scheme is an http one.
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(setting.value) ? setting.value : `http://${setting.value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Its user:password stays out of the message.
    const shown = setting.value.replace(/^([^/]*\/\/)?[^/@\s]*@/, '$1[redacted]@');
    throw new UsageError(`${setting.name} is not a URL: "${shown}"`, {
      hint: `set it like http://proxy.example.com:3128, or unset it`,
    });
  }
  if (url.protocol !== 'http:') {
    throw new UsageError(`${setting.name} is a ${url.protocol.slice(0, -1)} proxy; ci talks to http proxies only`, {
      hint: `use the proxy's http:// address, or unset ${setting.name}`,
    });
  }
  return url;
}

export function proxySettings(env: Env): ProxySettings {
  const http = proxyUrl(variable(env, 'HTTP_PROXY'));
  const https = proxyUrl(variable(env, 'HTTPS_PROXY')) ?? http;
  const bypass = (variable(env, 'NO_PROXY')?.value ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.toLowerCase().replace(/^\*?\./, ''))
    .filter(Boolean);
  return { https, http, bypass };
}

/** A host name without the brackets of an IPv6 address in a URL, as sockets take it. */
export const unbracketed = (hostname: string) => hostname.replace(/^\[|\]$/g, '');
const bareHost = (host: string) => unbracketed(host).toLowerCase();

/** An entry's host and port: `example.com:8443`, `[::1]:8080`, `::1` and `10.0.0.1` alike. */
function splitEntry(entry: string): { host: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] };
  const hostAndPort = /^([^:]+):(\d+)$/.exec(entry);
  if (hostAndPort) return { host: hostAndPort[1] ?? '', port: hostAndPort[2] };
  return { host: entry };
}

function bypassed(target: URL, bypass: readonly string[]): boolean {
  const host = bareHost(target.hostname);
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return bypass.some((entry) => {
    if (entry === '*') return true;
    const rule = splitEntry(entry);
    if (rule.port !== undefined && rule.port !== port) return false;
    const ruleHost = bareHost(rule.host);
    return host === ruleHost || host.endsWith(`.${ruleHost}`);
  });
}

/** The proxy for a request to `target`, or undefined to go direct (a loopback address always does). */
export function proxyFor(target: URL, settings: ProxySettings): URL | undefined {
  const proxy = target.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy || isLoopbackHost(target.hostname) || bypassed(target, settings.bypass)) return undefined;
  return proxy;
}

/** Where a request through `proxy` goes, with the headers the proxy reads: `Host` and Basic credentials from its URL. */
export function proxyEndpoint(proxy: URL, host: string): { host: string; port: string | number; headers: Record<string, string> } {
  const headers: Record<string, string> = { Host: host };
  if (proxy.username || proxy.password) {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['Proxy-Authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  return { host: unbracketed(proxy.hostname), port: proxy.port || 80, headers };
}
