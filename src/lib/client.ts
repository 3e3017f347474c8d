// The only module that imports `twilio` (lazily): credentials, base-URL override, retries, tracing,
// and the SDK's webhook signature checks and TwiML builder.
import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { readFileSync } from 'node:fs';
import type * as webhooks from 'twilio/lib/webhooks/webhooks.js';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Credentials } from './credentials.js';
import { isLoopbackHost } from './loopback.js';
import { AnswerTimeoutError, AnswerTooLargeError, ApiError, InterruptedError, UsageError, withRestExceptionFields } from './errors.js';
import {
  checkRetries,
  DEFAULT_RETRY_POLICY,
  isUncertainFailure,
  retryDelayMs,
  retryReason,
  serverWaitSeconds,
  type Outcome,
  type RetryPolicy,
} from './retry.js';
import { formatDuration, MAX_TIMER_MS, sleep } from './time.js';
import { isRecord } from './rows.js';
import { codeOf, messageOf } from './thrown.js';
import { withoutSdkTransport } from './sdk-lazy.js';
import { useUtcShortcut } from './sdk-dates.js';
import { HttpTransport, type TransportRequest } from './http-transport.js';
import { proxySettings } from './proxy.js';
import type { Env } from './io-types.js';

export interface ClientOptions {
  /** Where the proxy variables and TWILIO_CA_BUNDLE are read. */
  env: Env;
  debug?: (line: string) => void;
  signal?: AbortSignal;
  allowInsecureHttp?: boolean;
}

/** A create that failed after it may have reached the server; callers that can, look before re-sending. */
export class UncertainWriteError extends ApiError {
  constructor(
    readonly uri: string,
    readonly original: unknown,
  ) {
    super(`the request to ${uri} failed after it was sent; the server may have applied it`, {
      hint: 'check whether the change happened (list or show it) before trying again',
      cause: original,
    });
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** The transport's idle timeout on the socket, set past the deadline so the deadline is what fires. */
const idleTimeout = (deadlineMs: number) => Math.min(deadlineMs + 1000, MAX_TIMER_MS);
/** Largest answer body read, after decompression (no answer of these APIs comes near it). */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** Checks an --api-url: an http(s) URL, and plain http only to loopback unless explicitly allowed. */
export function parseApiUrl(value: string, allowInsecureHttp = false): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`invalid API URL "${value}"`, { hint: 'use a full URL such as http://127.0.0.1:4010' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid API URL "${value}": only http and https are supported`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new UsageError(`refusing to send credentials over plain http to ${url.host}`, {
      hint: 'use https, a loopback address, or pass --allow-insecure-http',
    });
  }
  return url;
}

/** Sends every SDK request to `base` instead of Twilio's hosts, keeping path and query. */
export function rewriteOrigin(uri: string, base: URL | undefined): string {
  if (!base) return uri;
  const original = new URL(uri);
  const prefix = base.pathname.replace(/\/$/, '');
  return `${base.origin}${prefix}${original.pathname}${original.search}`;
}

/** Names of parameters whose values are secrets (a paging cursor is not one). */
const SECRET_NAME = /token|secret|passw|authorization|signature|credential|(^|[-_.])key$|api[-_]?key|access[-_]?key|private[-_]?key/i;
const isSecretName = (name: string) => SECRET_NAME.test(name) && !/^page[-_]?token$/i.test(name);

function describeParams(params: unknown): string {
  if (!params || typeof params !== 'object') return '';
  const entries = Object.entries(params as Record<string, unknown>).map(([key, value]) =>
    isSecretName(key) ? `${key}=[redacted]` : `${key}=${redactUrl(JSON.stringify(value) ?? String(value))}`,
  );
  return entries.length ? ` ${entries.join(' ')}` : '';
}

/** Text for a trace line (a URL, or a parameter holding one): secret-looking query parameters and user:password hidden. */
export function redactUrl(text: string): string {
  return text
    .replace(/\/\/[^/@\s"]*:[^/@\s"]*@/g, '//[redacted]@')
    .replace(/([?&])([^=&#"\s]+)=([^&#"\s]*)/g, (whole, separator: string, name: string) =>
      isSecretName(decodeURIComponentSafe(name)) ? `${separator}${name}=[redacted]` : whole,
    );
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The network error code the retry policy decides on; a missed deadline counts as a timeout. */
function errorCodeOf(err: unknown): string {
  if (err instanceof AnswerTimeoutError) return 'ETIMEDOUT';
  return codeOf(err) ?? 'EUNKNOWN';
}

function header(headers: unknown, name: string): string | undefined {
  const value = isRecord(headers) ? headers[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The SDK's `httpClient`: ci's transport wrapped with the base-URL override, one retry policy, redacted
 * tracing, and a deadline for the whole exchange (the transport's timeout only bounds idle time).
 */
class CliHttpClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly base: URL | undefined,
    private readonly policy: RetryPolicy,
    private readonly timeoutMs: number,
    private readonly options: Omit<ClientOptions, 'env'>,
  ) {}

  async request(opts: RequestClient.RequestOptions): Promise<unknown> {
    const uri = rewriteOrigin(opts.uri, this.base);
    const method = opts.method.toUpperCase();
    const trace = this.options.debug ?? (() => {});
    const shown = redactUrl(uri);
    for (let attempt = 0; ; attempt++) {
      trace(`→ ${method} ${shown}${describeParams(opts.params)}${describeParams(opts.data)}`);
      const started = Date.now();
      let outcome: Outcome;
      let retryAfter: string | undefined;
      try {
        const response = withRestExceptionFields(await this.exchangeOnce({ ...opts, uri, headers: { ...opts.headers } }));
        trace(`← ${response.statusCode} ${method} ${shown} (${Date.now() - started} ms)`);
        outcome = { status: response.statusCode };
        retryAfter = serverWaitSeconds(
          response.statusCode,
          { retryAfter: header(response.headers, 'retry-after'), rateLimitReset: header(response.headers, 'x-ratelimit-reset') },
          Date.now(),
        );
        if (attempt >= this.policy.maxRetries || !retryReason(method, outcome)) return response;
      } catch (err) {
        if (err instanceof InterruptedError || err instanceof AnswerTooLargeError) throw err;
        const errorCode = errorCodeOf(err);
        trace(`← ${errorCode} ${method} ${shown} (${Date.now() - started} ms)`);
        outcome = { errorCode };
        if (attempt >= this.policy.maxRetries || !retryReason(method, outcome)) {
          if (isUncertainFailure(method, outcome)) throw new UncertainWriteError(uri, err);
          throw err;
        }
      }
      const delay = retryDelayMs(attempt, this.policy, retryAfter);
      trace(`retry ${attempt + 1}/${this.policy.maxRetries} in ${delay} ms: ${retryReason(method, outcome)}`);
      await sleep(delay, this.options.signal);
    }
  }

  /** One request and its whole answer, within the deadline; Ctrl-C or the deadline abort the socket. */
  private async exchangeOnce(opts: RequestClient.RequestOptions<unknown>) {
    const timeoutMs = opts.timeout ?? this.timeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const interrupt = this.options.signal;
    const signal = interrupt ? AbortSignal.any([interrupt, deadline.signal]) : deadline.signal;
    try {
      const { method, uri, username, password, authStrategy, headers, params } = opts;
      const data: unknown = opts.data;
      const request: TransportRequest = {
        method,
        uri,
        username,
        password,
        authStrategy,
        headers,
        params,
        data,
        signal,
        idleTimeoutMs: idleTimeout(timeoutMs),
      };
      return await this.transport.request(request);
    } catch (err) {
      if (interrupt?.aborted) throw new InterruptedError();
      if (deadline.signal.aborted) throw new AnswerTimeoutError(formatDuration(timeoutMs));
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A profile's request timeout passes the bounds the flag's parser applies. */
function checkTimeout(ms: number, source: string): number {
  if (!Number.isSafeInteger(ms) || ms < 1 || ms > MAX_TIMER_MS) {
    throw new UsageError(`${source} must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS} (got ${ms})`);
  }
  return ms;
}

/** Extra certificates to trust, from the file TWILIO_CA_BUNDLE names (as the SDK reads it). */
function caBundle(env: Env): string | undefined {
  const path = env.TWILIO_CA_BUNDLE;
  if (path === undefined || path === '') return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`TWILIO_CA_BUNDLE names ${JSON.stringify(path)}, which cannot be read (${codeOf(error) ?? messageOf(error)})`, {
      hint: 'point it at a PEM file of CA certificates, or unset it',
    });
  }
}

/** ci's transport, with the proxy and TLS settings of `env` (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, TWILIO_CA_BUNDLE). */
export function createTransport(env: Env): HttpTransport {
  return new HttpTransport({ proxy: proxySettings(env), ca: caBundle(env), maxAnswerBytes: MAX_ANSWER_BYTES, maxAnswerText: '64 MiB' });
}

export async function createTwilioClient(credentials: Credentials, options: ClientOptions): Promise<Twilio> {
  const base = credentials.apiUrl ? parseApiUrl(credentials.apiUrl, options.allowInsecureHttp) : undefined;
  // The REST client only: the package's index also loads TwiML builders and JWT helpers, its transport axios.
  const { default: RestClient } = await withoutSdkTransport(() => import('twilio/lib/rest/Twilio.js'));
  useUtcShortcut();
  const timeoutMs = checkTimeout(credentials.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, `the request timeout of ${credentials.source}`);
  const maxRetries = checkRetries(credentials.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries, `the retries of ${credentials.source}`);
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetries };
  const transport = createTransport(options.env);
  const httpClient = new CliHttpClient(transport, base, policy, timeoutMs, options);
  return new RestClient(credentials.username, credentials.password, {
    accountSid: credentials.accountSid,
    region: credentials.region,
    edge: credentials.edge,
    httpClient: httpClient as unknown as RequestClient,
  });
}

export type SignatureValidators = Pick<typeof webhooks, 'validateRequest' | 'validateRequestWithBody'>;

/** The SDK's webhook signature checks, loaded on first use so `ci --help` never pays for them. */
export async function loadSignatureValidators(): Promise<SignatureValidators> {
  const { validateRequest, validateRequestWithBody } = await import('twilio/lib/webhooks/webhooks.js');
  return { validateRequest, validateRequestWithBody };
}

export type VoiceResponseClass = typeof VoiceResponse;

/** The SDK's TwiML builder for voice, loaded on first use. */
export async function loadVoiceResponse(): Promise<VoiceResponseClass> {
  return (await import('twilio/lib/twiml/VoiceResponse.js')).default;
}
