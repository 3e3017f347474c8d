// The only module that imports `twilio` (lazily): credentials, base-URL override, retries, tracing,
// and the SDK's webhook signature checks and TwiML builder.
import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
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
import { codeOf } from './thrown.js';
import { withoutClientValidation } from './sdk-lazy.js';

export interface ClientOptions {
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
/** Carries an exchange's id from request() to the interceptor that gives axios its signal; never sent. */
const EXCHANGE_HEADER = 'X-Ci-Exchange';
/** The SDK's own timeout (idle time on the socket), set past the deadline so the deadline is what fires. */
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

const MAX_CONTENT_LENGTH = /maxContentLength size of \d+ exceeded/;

function header(headers: unknown, name: string): string | undefined {
  const value = isRecord(headers) ? headers[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The SDK's request client (its agent keeps proxy, TLS and keep-alive settings), wrapped with the
 * base-URL override, one retry policy, redacted tracing, and limits on every answer: a deadline for
 * the whole exchange (the SDK's timeout only bounds idle time) and a size cap while reading.
 */
class CliHttpClient {
  /**
   * The signal of each exchange in flight, by the id its request carries in EXCHANGE_HEADER, read by the
   * interceptor below (the SDK passes no signal of its own). Not an AsyncLocalStorage: on Node 20 that
   * runs a hook on every promise the process makes, a tenth of a long listing's CPU.
   */
  private readonly signals = new Map<string, AbortSignal>();
  private exchanges = 0;

  constructor(
    private readonly inner: RequestClient,
    private readonly base: URL | undefined,
    private readonly policy: RetryPolicy,
    private readonly timeoutMs: number,
    private readonly options: ClientOptions,
  ) {
    inner.axios.defaults.maxContentLength = MAX_ANSWER_BYTES;
    inner.axios.interceptors.request.use((config) => {
      const id = config.headers.get(EXCHANGE_HEADER);
      config.headers.delete(EXCHANGE_HEADER);
      const signal = typeof id === 'string' ? this.signals.get(id) : undefined;
      if (signal) config.signal = signal;
      return config;
    });
  }

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
  private async exchangeOnce(opts: RequestClient.RequestOptions) {
    const timeoutMs = opts.timeout ?? this.timeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const interrupt = this.options.signal;
    const signal = interrupt ? AbortSignal.any([interrupt, deadline.signal]) : deadline.signal;
    const id = String(++this.exchanges);
    this.signals.set(id, signal);
    try {
      return await this.inner.request({ ...opts, headers: { ...opts.headers, [EXCHANGE_HEADER]: id }, timeout: idleTimeout(timeoutMs) });
    } catch (err) {
      if (interrupt?.aborted) throw new InterruptedError();
      if (deadline.signal.aborted) throw new AnswerTimeoutError(formatDuration(timeoutMs));
      if (err instanceof Error && MAX_CONTENT_LENGTH.test(err.message)) throw new AnswerTooLargeError('64 MiB');
      throw err;
    } finally {
      clearTimeout(timer);
      this.signals.delete(id);
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

export async function createTwilioClient(credentials: Credentials, options: ClientOptions = {}): Promise<Twilio> {
  const base = credentials.apiUrl ? parseApiUrl(credentials.apiUrl, options.allowInsecureHttp) : undefined;
  // The REST client and its transport only: the package's index also loads TwiML builders and JWT helpers.
  const [{ default: RestClient }, { default: Transport }] = await withoutClientValidation(() =>
    Promise.all([import('twilio/lib/rest/Twilio.js'), import('twilio/lib/base/RequestClient.js')]),
  );
  const timeoutMs = checkTimeout(credentials.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, `the request timeout of ${credentials.source}`);
  const maxRetries = checkRetries(credentials.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries, `the retries of ${credentials.source}`);
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetries };
  const httpClient = new CliHttpClient(new Transport({ timeout: idleTimeout(timeoutMs) }), base, policy, timeoutMs, options);
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
