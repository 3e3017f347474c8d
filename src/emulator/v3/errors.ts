// The v3 error body ({code, message, httpStatusCode, userError, params}) and the errors v3 handlers throw.
import { HttpError } from '../errors.js';

export interface V3ErrorBody {
  code: number;
  message: string;
  httpStatusCode: number;
  userError: boolean;
  params: Record<string, string>;
}

/** An HttpError with v3 `params`; any HttpError answered on a /v3 path gets the v3 body (see toV3ErrorBody). */
export class V3Error extends HttpError {
  constructor(
    status: number,
    code: number,
    message: string,
    readonly params: Record<string, string> = {},
  ) {
    super(status, code, message);
  }
}

export function toV3ErrorBody(error: HttpError): V3ErrorBody {
  const params = error instanceof V3Error ? error.params : {};
  return {
    code: error.code,
    message: error.message,
    httpStatusCode: error.status,
    userError: error.status < 500,
    params: { twilioErrorCodeUrl: `https://www.twilio.com/docs/errors/${error.code}`, ...params },
  };
}

/** 400 naming the offending field (JSON path such as `rules[0].operators`), also in `params.field`. */
export const invalidField = (field: string, problem: string): V3Error => new V3Error(400, 20001, `Invalid ${field}: ${problem}`, { field });

export const badRequest = (message: string): V3Error => new V3Error(400, 20001, message);

export const notFound = (what: string, id: string): V3Error => new V3Error(404, 20404, `${what} ${id} was not found`);

export const staleVersion = (expected: string, current: number): V3Error =>
  new V3Error(412, 20412, `If-Match ${expected} does not match the current version ${current}`, { currentVersion: String(current) });

export const unprocessable = (message: string): V3Error => new V3Error(422, 20422, message);

export const unsupportedMediaType = (contentType: string): V3Error =>
  new V3Error(415, 20415, `Content-Type '${contentType}' is not supported: send application/json`);
