// The checks of `ci doctor`: each turns facts gathered by the command into a verdict with a fix.
// Pure functions, except `probe`, which makes one unauthenticated request (through the transport it is
// given) to time the endpoint and read the server's clock.
import type { ConfigFileFacts } from './config.js';
import type { Env } from './context.js';
import type { HttpTransport } from './http-transport.js';
import { isLoopbackHost } from './loopback.js';
import { proxyFor, proxySettings, type ProxySettings } from './proxy.js';
import { toCliError } from './errors.js';
import { codeOf, messageOf } from './thrown.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do about it; present on every failed check. */
  fix?: string;
}

const pass = (name: string, detail: string): Check => ({ name, ok: true, detail });
const fail = (name: string, detail: string, fix: string): Check => ({ name, ok: false, detail, fix });

export const MIN_NODE_MAJOR = 20;
export const MAX_CLOCK_SKEW_SECONDS = 60;
/** Twilio's documented regions and edges (https://www.twilio.com/docs/global-infrastructure). */
export const REGIONS = ['us1', 'us2', 'ie1', 'de1', 'au1', 'jp1', 'sg1', 'br1'];
export const EDGES = ['ashburn', 'umatilla', 'dublin', 'frankfurt', 'sydney', 'tokyo', 'singapore', 'sao-paulo', 'roaming'];

export function nodeCheck(version: string = process.versions.node): Check {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  return major >= MIN_NODE_MAJOR
    ? pass('Node.js', `v${version.replace(/^v/, '')}`)
    : fail('Node.js', `v${version.replace(/^v/, '')} is too old`, `install Node.js ${MIN_NODE_MAJOR} or later`);
}

/** A broken file fails, and so does one others can read or change; a file not created yet has nothing to protect. */
export function configFileCheck(facts: ConfigFileFacts): Check {
  const { path, mode, invalid, warnings } = facts;
  const name = 'config file';
  if (invalid) return fail(name, invalid.replace(/; fix it or move it away$/, ''), `fix ${path} or move it away (ci recreates it)`);
  if (mode === undefined) return pass(name, `${path} (not created yet)`);
  const permissions = (mode & 0o777).toString(8).padStart(4, '0');
  // Who may change it (owner, group/other write) comes from the warnings; who may read it, from the mode.
  const others = warnings.filter((warning) => !warning.includes('is readable by other users'));
  const problems = [
    ...others.map((warning) => ({ detail: warning.replace(/; fix it with: .*$/, ''), fix: warning.replace(/^.*; fix it with: /, '') })),
    ...(mode & 0o077
      ? [{ detail: `${path} has mode ${permissions}: other users can read the secrets in it`, fix: `chmod 600 ${path}` }]
      : []),
  ];
  if (problems.length)
    return fail(name, problems.map((problem) => problem.detail).join('; '), problems.map((problem) => problem.fix).join(' && '));
  return pass(name, `${path} (mode ${permissions})`);
}

export function credentialsCheck(
  found: { source: string; accountSid: string; username: string } | { error: string; hint?: string },
): Check {
  if ('error' in found) return fail('credentials', found.error, found.hint ?? 'run `ci login`');
  const kind = found.username.startsWith('SK') ? `API key ${found.username}` : 'auth token';
  return pass('credentials', `${found.accountSid} with ${kind}, from ${found.source}`);
}

export type CallOutcome = { ms: number } | { error: string; hint?: string };

export function apiCallCheck(outcome: CallOutcome): Check {
  if ('error' in outcome) return fail('authenticated API call', outcome.error, outcome.hint ?? 'see the error above');
  return pass('authenticated API call', `GET /v2/Services answered in ${outcome.ms} ms`);
}

/** Intelligence v3 (operators, configurations, conversations) is a separate API that an account may not have. */
export function v3ApiCallCheck(outcome: CallOutcome): Check {
  const name = 'v3 API call';
  if ('error' in outcome) {
    return fail(
      name,
      outcome.error,
      outcome.hint ?? 'check that the account has Conversational Intelligence v3 (the new Console); classic (v2) commands do not need it',
    );
  }
  return pass(name, `GET /v3/ControlPlane/Operators answered in ${outcome.ms} ms`);
}

/** With --api-url every request goes to that URL, so region and edge only matter without it. */
export function regionEdgeCheck(region: string | undefined, edge: string | undefined, apiUrl: string | undefined): Check {
  const name = 'region / edge';
  const problems = [
    ...(region && !REGIONS.includes(region) ? [`unknown region "${region}"`] : []),
    ...(edge && !EDGES.includes(edge) ? [`unknown edge "${edge}"`] : []),
  ];
  if (problems.length) return fail(name, problems.join(', '), `use a region of ${REGIONS.join(', ')} and an edge of ${EDGES.join(', ')}`);
  const chosen = `region ${region ?? 'us1 (default)'}, edge ${edge ?? 'none (default)'}`;
  return pass(name, apiUrl ? `${chosen}; not used: --api-url sends every request to ${apiUrl}` : chosen);
}

/** The base URL requests go to: --api-url, or Twilio's host for the region and edge. */
export function endpointOf(apiUrl: string | undefined, region: string | undefined, edge: string | undefined): string {
  if (apiUrl) return apiUrl.replace(/\/$/, '');
  const parts = ['intelligence', edge, edge ? (region ?? 'us1') : region, 'twilio', 'com'].filter(Boolean);
  return `https://${parts.join('.')}`;
}

export interface ProbeResult {
  status?: number;
  ms: number;
  serverDate?: Date;
  error?: string;
}

/** One unauthenticated GET through ci's transport: any HTTP answer (401 included) proves the endpoint is reachable. */
export async function probe(base: string, transport: Pick<HttpTransport, 'request'>, timeoutMs = 5000): Promise<ProbeResult> {
  const started = Date.now();
  try {
    const answer = await transport.request({
      method: 'get',
      uri: `${base}/v2/Services?PageSize=1`,
      idleTimeoutMs: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const date = answer.headers.date;
    return { status: answer.statusCode, ms: Date.now() - started, serverDate: date ? new Date(date) : undefined };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'AbortError';
    return { ms: Date.now() - started, error: timedOut ? `no answer within ${timeoutMs} ms` : (codeOf(error) ?? messageOf(error)) };
  }
}

export function endpointCheck(base: string, result: ProbeResult, viaApiUrl: boolean): Check {
  const name = viaApiUrl ? '--api-url reachable' : 'API endpoint reachable';
  if (result.error !== undefined) {
    const fix = viaApiUrl
      ? 'start the API there (`ci emulator start`) or correct --api-url / TWILIO_CI_API_URL'
      : 'check the network, firewall and proxy settings';
    return fail(name, `${base}: ${result.error}`, fix);
  }
  return pass(name, `${base} answered HTTP ${result.status} in ${result.ms} ms`);
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];

/** Where ci's requests to `endpoint` go, by HTTPS_PROXY / HTTP_PROXY / NO_PROXY (a loopback address always direct). */
export function proxyCheck(env: Env, endpoint: string): Check {
  const name = 'proxy variables';
  const set = PROXY_VARIABLES.filter((variable) => env[variable]);
  if (!set.length) return pass(name, 'none set: requests go direct');
  let settings: ProxySettings;
  try {
    settings = proxySettings(env);
  } catch (error) {
    return fail(name, messageOf(error), toCliError(error).hint ?? 'correct or unset it');
  }
  const target = new URL(endpoint);
  const proxy = proxyFor(target, settings);
  const route = proxy ? `through the proxy ${proxy.host}` : isLoopbackHost(target.hostname) ? 'direct (a local address)' : 'direct';
  return pass(name, `requests to ${target.host} go ${route}; set: ${set.join(', ')}`);
}

export function clockCheck(serverDate: Date | undefined, sentAt: Date, receivedAt: Date): Check {
  const name = 'clock skew';
  if (!serverDate || Number.isNaN(serverDate.getTime())) {
    return fail(name, 'the server sent no Date header to compare with', 'check that --api-url points at the Twilio API or `ci emulator`');
  }
  const local = (sentAt.getTime() + receivedAt.getTime()) / 2;
  // The Date header has whole seconds: anything within one second is no skew at all.
  const skew = Math.round((local - serverDate.getTime()) / 1000);
  const detail =
    Math.abs(skew) <= 1 ? 'in sync with the server' : `this machine is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} the server`;
  return Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS
    ? fail(name, detail, 'synchronise the clock, e.g. `sudo timedatectl set-ntp true`')
    : pass(name, detail);
}
