/** Twilio's error body, as the SDK's RestException parses it. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** Thrown by handlers; the server turns it into a Twilio error response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    /** Extra response headers, e.g. WWW-Authenticate on a 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): TwilioErrorBody {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, 20001, message);

export const unauthorized = (): HttpError => new HttpError(401, 20003, 'Authenticate', { 'WWW-Authenticate': 'Basic realm="Twilio API"' });

export const payloadTooLarge = (limit: number): HttpError => new HttpError(413, 20001, `Request body larger than ${limit} bytes`);

export const notFound = (path: string): HttpError => new HttpError(404, 20404, `The requested resource ${path} was not found`);

export const methodNotAllowed = (method: string, path: string): HttpError =>
  new HttpError(405, 20004, `Method ${method} not allowed on ${path}`);

/** `code` is resource-specific, e.g. 90101 "Unique Name Already Exists" for Intelligence Services. */
export const conflict = (code: number, message: string): HttpError => new HttpError(409, code, message);

export const preconditionFailed = (message: string): HttpError => new HttpError(412, 20412, message);

export const internalError = (message = 'Internal Server Error'): HttpError => new HttpError(500, 20500, message);
