// The only module that imports `twilio` (lazily): credentials, base-URL override, retries, tracing,
// and the SDK's webhook signature checks and TwiML builder.
import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type * as webhooks from 'twilio/lib/webhooks/webhooks.js';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Credentials } from './credentials.js';
import { ApiError, UsageError } from './errors.js';
import { isLoopbackHost } from './loopback.js';
import { DEFAULT_RETRY_POLICY, isUncertainFailure, retryDelayMs, retryReason, type Outcome, type RetryPolicy } from './retry.js';
import { sleep } from './time.js';

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

const SECRET_KEY = /token|secret|password|authorization/i;

function describeParams(params: unknown): string {
  if (!params || typeof params !== 'object') return '';
  const entries = Object.entries(params as Record<string, unknown>).map(([key, value]) =>
    SECRET_KEY.test(key) ? `${key}=[redacted]` : `${key}=${JSON.stringify(value)}`,
  );
  return entries.length ? ` ${entries.join(' ')}` : '';
}

function header(headers: unknown, name: string): string | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The SDK's request client, wrapped with the base-URL override, one retry policy and redacted tracing. */
class CliHttpClient {
  constructor(
    private readonly inner: RequestClient,
    private readonly base: URL | undefined,
    private readonly policy: RetryPolicy,
    private readonly timeoutMs: number,
    private readonly options: ClientOptions,
  ) {}

  async request(opts: RequestClient.RequestOptions): Promise<unknown> {
    const uri = rewriteOrigin(opts.uri, this.base);
    const method = opts.method.toUpperCase();
    const trace = this.options.debug ?? (() => {});
    for (let attempt = 0; ; attempt++) {
      trace(`→ ${method} ${uri}${describeParams(opts.params)}${describeParams(opts.data)}`);
      const started = Date.now();
      let outcome: Outcome;
      let retryAfter: string | undefined;
      try {
        const response = await this.inner.request({ ...opts, uri, headers: { ...opts.headers }, timeout: opts.timeout ?? this.timeoutMs });
        trace(`← ${response.statusCode} ${method} ${uri} (${Date.now() - started} ms)`);
        outcome = { status: response.statusCode };
        retryAfter = header(response.headers, 'retry-after');
        if (attempt >= this.policy.maxRetries || !retryReason(method, outcome)) return response;
      } catch (err) {
        const errorCode = String((err as { code?: unknown }).code ?? 'EUNKNOWN');
        trace(`← ${errorCode} ${method} ${uri} (${Date.now() - started} ms)`);
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
}

export async function createTwilioClient(credentials: Credentials, options: ClientOptions = {}): Promise<Twilio> {
  const base = credentials.apiUrl ? parseApiUrl(credentials.apiUrl, options.allowInsecureHttp) : undefined;
  const { default: twilio } = await import('twilio');
  const timeoutMs = credentials.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: credentials.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
  const httpClient = new CliHttpClient(new twilio.RequestClient({ timeout: timeoutMs }), base, policy, timeoutMs, options);
  return twilio(credentials.username, credentials.password, {
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
