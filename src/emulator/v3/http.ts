// What the shared server does differently for the v3 family: JSON bodies, the v3 error body, rate-limit headers.
import type { Fault } from '../faults.js';
import { HttpError } from '../errors.js';
import { toV3ErrorBody, unsupportedMediaType, badRequest } from './errors.js';
import { isVoiceV3Path, toProblemBody } from '../voice/http.js';

/** Twilio's v3 paths, and the emulator's own v3 control paths, which answer in the same style. */
export function isV3Path(path: string): boolean {
  return path.startsWith('/v3/') || path.startsWith('/emulator/v3/');
}

/** The error body for this path: Voice v3's RFC 9457 body, v3's {code, message, httpStatusCode, userError, params}, else v2's. */
export function errorBodyFor(path: string, error: HttpError): unknown {
  if (isVoiceV3Path(path)) return toProblemBody(error);
  return isV3Path(path) ? toV3ErrorBody(error) : error.toBody();
}

/**
 * The parsed JSON body of a v3 request (undefined when there is none). v3 takes JSON only: any other
 * non-empty body is 415, and JSON that does not parse is 400.
 */
export function readV3Body(contentType: string, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  if (!/^application\/json\b/i.test(contentType)) throw unsupportedMediaType(contentType || '(none)');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
}

/** Requests per window the emulator claims in its rate-limit headers (a number to show, not enforced). */
const RATE_LIMIT = 100;
/** Seconds until the window resets; the spec does not say whether Reset is seconds or an epoch time, see docs/v3.md. */
const RATE_LIMIT_RESET_S = 1;

/** v3 answers a 429 with X-RateLimit-* headers instead of v2's Retry-After. */
export function faultHeadersFor(path: string, fault: Extract<Fault, { kind: 'reply' }>): Record<string, string> {
  // Voice v3 documents Retry-After on its 429s.
  if (!isV3Path(path) || isVoiceV3Path(path) || fault.error.status !== 429) return fault.headers;
  return { 'X-RateLimit-Limit': String(RATE_LIMIT), 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(RATE_LIMIT_RESET_S) };
}
