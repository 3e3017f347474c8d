import { codeOf, messageOf } from './thrown.js';

/** Exit codes are part of the CLI's contract: documented in the README and `ci help exit-codes`. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  wait: 5,
  changes: 6,
  gate: 7,
  interrupted: 130,
} as const;

export const EXIT_CODE_HELP: ReadonlyArray<[number, string]> = [
  [ExitCode.ok, 'success'],
  [ExitCode.failure, 'API error or unexpected failure (the Twilio error code and link are shown)'],
  [ExitCode.usage, 'usage error or invalid input: unknown flag, malformed SID, unreadable or invalid file'],
  [ExitCode.auth, 'authentication failed or no credentials configured'],
  [ExitCode.notFound, 'the resource does not exist'],
  [ExitCode.wait, 'waited, and the work did not finish or it failed'],
  [ExitCode.changes, '`ci diff --exit-code`: the plan has changes'],
  [ExitCode.gate, '`ci operators eval`: an operator scored below --min-accuracy, or regressed with --fail-on-regression'],
  [ExitCode.interrupted, 'interrupted (Ctrl-C)'],
];

export interface ErrorDetails {
  hint?: string;
  /** Twilio's error code, when the API sent one. */
  code?: number;
  moreInfo?: string;
  status?: number;
  cause?: unknown;
}

/** The one error type the launcher knows how to print; subclasses only pick the exit code. */
export class CliError extends Error {
  readonly hint?: string;
  readonly code?: number;
  readonly moreInfo?: string;
  readonly status?: number;

  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failure,
    details: ErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.hint = details.hint;
    this.code = details.code;
    this.moreInfo = details.moreInfo;
    this.status = details.status;
  }
}

export class UsageError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super(message, ExitCode.usage, details);
  }
}

export class AuthError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super(message, ExitCode.auth, details);
  }
}

export class NotFoundError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super(message, ExitCode.notFound, details);
  }
}

export class ApiError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super(message, ExitCode.failure, details);
  }
}

export class WaitError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super(message, ExitCode.wait, details);
  }
}

/** A measurement ran and fell short of the bar set for it (distinct from an API failure). */
export class GateError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super(message, ExitCode.gate, details);
  }
}

export class InterruptedError extends CliError {
  constructor(message = 'interrupted') {
    super(message, ExitCode.interrupted);
  }
}

/** The HTTP status an error carries (a Twilio RestException's or a CliError's), if any. */
export function httpStatusOf(error: unknown): number | undefined {
  const status: unknown = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** An error's message on one line, with Twilio's error code and link when the API sent them. */
export function errorText(error: CliError): string {
  const twilio = error.code ? ` (Twilio error ${error.code}${error.moreInfo ? `: ${error.moreInfo}` : ''})` : '';
  return `${error.message.replace(/\s*\n\s*/g, ' ')}${twilio}`;
}

/** A Twilio RestException, recognised by shape so this module needs no SDK import. */
interface RestExceptionLike {
  status: number;
  message: string;
  code?: number;
  moreInfo?: string;
  details?: unknown;
  /** RFC 9457 problem details (Voice v3), which twilio-node throws as a TwilioServiceException: `message` is only "[HTTP n] title". */
  detail?: unknown;
  type?: unknown;
}

/** An RFC 9457 answer's `detail`, the one line that says what went wrong. */
function problemDetail(err: RestExceptionLike): string | undefined {
  return typeof err.detail === 'string' && err.detail !== '' ? err.detail : undefined;
}

/** The v3 error body: `{code, message, httpStatusCode, userError, params}` (v2's is `{code, message, more_info, status}`). */
interface V3ErrorBody {
  code: number;
  message: string;
  httpStatusCode: number;
  userError?: boolean;
  params?: Record<string, unknown>;
}

function isV3ErrorBody(body: unknown): body is V3ErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const { code, message, httpStatusCode } = body as Partial<V3ErrorBody>;
  return typeof code === 'number' && typeof message === 'string' && typeof httpStatusCode === 'number';
}

/** What toCliError finds in a RestException's `details` when the answer had a v3 error body. */
interface V3Details {
  v3: true;
  userError?: boolean;
  params: Record<string, unknown>;
}

function isV3Details(details: unknown): details is V3Details {
  return typeof details === 'object' && details !== null && (details as Partial<V3Details>).v3 === true;
}

/**
 * twilio-node's RestException reads `message`, `code`, `more_info` and `details` of an error body: of a v3
 * body it keeps message and code only, and `params` (the link, the field at fault) and `userError` are lost.
 * The HTTP client hands the SDK the body with the link as `more_info` and the rest in `details`, so the
 * one error path (toCliError) sees all of it. Any other answer is returned as it is.
 */
export function withRestExceptionFields<R extends { statusCode: number; body: unknown }>(response: R): R {
  if (response.statusCode < 400) return response;
  const body = typeof response.body === 'string' ? parsedOrUndefined(response.body) : response.body;
  if (!isV3ErrorBody(body)) return response;
  const { params = {}, userError } = body;
  const link = typeof params.twilioErrorCodeUrl === 'string' ? params.twilioErrorCodeUrl : undefined;
  const details: V3Details = { v3: true, params, ...(userError === undefined ? {} : { userError }) };
  return { ...response, body: { ...body, ...(link ? { more_info: link } : {}), details } };
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A v3 error's params besides the link, as ` [field: rules[0].operators]`, when the message does not say them already. */
function v3ParamsText(message: string, details: unknown): string {
  if (!isV3Details(details)) return '';
  const extra = Object.entries(details.params)
    .filter(([key, value]) => key !== 'twilioErrorCodeUrl' && typeof value === 'string' && !message.includes(value))
    .map(([key, value]) => `${key}: ${String(value)}`);
  return extra.length ? ` [${extra.join(', ')}]` : '';
}

function isRestException(err: unknown): err is RestExceptionLike {
  return (
    typeof err === 'object' &&
    err !== null &&
    httpStatusOf(err) !== undefined &&
    typeof (err as RestExceptionLike).message === 'string' &&
    // Without a JSON body the SDK sets neither code nor moreInfo, only "[HTTP 502] Failed to execute request".
    ('moreInfo' in err || 'code' in err || /^\[HTTP \d+\]/.test((err as RestExceptionLike).message))
  );
}

/** Error codes of a request that never got an HTTP answer. */
export const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
]);

/** Codes of a TLS handshake that failed: an untrusted, expired or mismatched certificate, or no TLS at all. */
const TLS_CODE = /CERT|SELF_SIGNED|^ERR_TLS_|^ERR_SSL_/;

/** Turns anything thrown below a command into a CliError; the single place exit codes are decided. */
export function toCliError(err: unknown, what?: string): CliError {
  if (err instanceof CliError) return err;
  const prefix = what ? `${what}: ` : '';
  if (isRestException(err)) {
    const details = {
      code: err.code,
      moreInfo: err.moreInfo ?? (typeof err.type === 'string' ? err.type : undefined),
      status: err.status,
      cause: err,
    };
    // No Twilio error body (e.g. an HTML page from a proxy): the SDK's "[HTTP 502] Failed to execute request" says little.
    const message =
      err.code === undefined
        ? `${prefix}the API answered HTTP ${err.status} without a Twilio error body`
        : `${prefix}${problemDetail(err) ?? err.message}${v3ParamsText(err.message, err.details)}`;
    if (err.code === undefined && err.status >= 500)
      return new ApiError(message, { ...details, hint: 'a proxy or gateway may be in the way; check --api-url and try again' });
    if (err.status === 401 || err.status === 403) {
      return new AuthError(message, { ...details, hint: 'check the credentials in effect with `ci doctor` or `ci profiles list`' });
    }
    if (err.status === 404) return new NotFoundError(message, details);
    if (isV3Details(err.details) && err.details.userError === false)
      return new ApiError(message, { ...details, hint: 'the API reports a failure on its side, not in the request: try again later' });
    return new ApiError(message, details);
  }
  const code = codeOf(err);
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    const message = (err instanceof Error && err.message) || code;
    return new ApiError(`${prefix}could not reach the API (${code}): ${message}`, {
      hint: 'check --api-url / the network; for a local API run `ci emulator start`',
      cause: err,
    });
  }
  if (typeof code === 'string' && TLS_CODE.test(code)) {
    return new ApiError(`${prefix}the API's TLS certificate could not be verified (${code}): ${messageOf(err)}`, {
      hint: 'check --api-url; to trust a private CA, point TWILIO_CA_BUNDLE (or NODE_EXTRA_CA_CERTS) at its PEM file',
      cause: err,
    });
  }
  if (code === 'EPROXY') {
    return new ApiError(`${prefix}could not reach the API through the proxy: ${messageOf(err)}`, {
      hint: 'check HTTPS_PROXY / HTTP_PROXY (and their user:password), or name the host in NO_PROXY',
      cause: err,
    });
  }
  if (code === 'EADDRINUSE') {
    return new CliError(`${prefix}cannot listen: the address is already in use (${messageOf(err)})`, ExitCode.failure, {
      hint: 'another server has that port: pick another with --port, or --port 0 for any free one',
      cause: err,
    });
  }
  if (err instanceof SyntaxError) {
    return new ApiError(`${prefix}the API's answer is not valid JSON (cut short?): ${err.message}`, {
      hint: 'try again; check --api-url if it persists',
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new CliError(`${prefix}${message}`, ExitCode.failure, { cause: err });
}

/** An answer that cannot be the API's: a page of the wrong shape, pages that loop, more pages than a listing can have. */
export class MalformedAnswerError extends ApiError {
  constructor(problem: string, details: ErrorDetails = {}) {
    super(problem, { hint: "check --api-url; a proxy or another server may be answering in the API's place", ...details });
  }
}

/** The API's answer did not arrive in full within the time allowed for one request. */
export class AnswerTimeoutError extends ApiError {
  constructor(readonly timeout: string) {
    super(`the API did not send its whole answer within ${timeout}`, {
      hint: 'raise --request-timeout if the network is slow; check --api-url if it persists',
    });
  }
}

/** Larger than any answer of the API: refused while reading, so memory stays bounded. */
export class AnswerTooLargeError extends ApiError {
  constructor(limit: string) {
    super(`the API's answer is larger than ${limit} (decompressed); refused`, { hint: 'check --api-url' });
  }
}
