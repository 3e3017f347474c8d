// Addresses that stay on this machine: plain http to them cannot leak credentials or requests.
const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|::1)$/i;

/** True for localhost, 127.0.0.0/8 and ::1, spelt as URL.hostname gives them (IPv6 in brackets) or bare. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}
