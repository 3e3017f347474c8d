// What the shared server does differently for the Voice APIs: JSON bodies on both, and Voice v3's RFC 9457 error body.
import type { HttpError } from '../errors.js';
import { V3Error } from '../v3/errors.js';

const CONFIGURATIONS_PATH = '/v2/Configurations/';
const TRANSCRIPTIONS_PATH = '/v3/Transcriptions';

/** Voice v2 Configurations and Voice v3 Transcriptions take JSON bodies (the rest of /v2 takes forms). */
export function isVoiceJsonPath(path: string): boolean {
  return path.startsWith(CONFIGURATIONS_PATH) || isVoiceV3Path(path);
}

export function isVoiceV3Path(path: string): boolean {
  return path === TRANSCRIPTIONS_PATH || path.startsWith(`${TRANSCRIPTIONS_PATH}/`);
}

/** RFC 9457 problem details, as Voice v3 answers errors (`title` and `detail` are 16 characters or more). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: number;
  detail: string;
  errors?: { detail: string; pointer: string }[];
}

const TITLES: Record<number, string> = {
  400: 'Invalid request parameter',
  401: 'Authentication required',
  403: 'Forbidden for this account',
  404: 'Resource was not found',
  405: 'HTTP method is not allowed',
  413: 'Request body is too large',
  415: 'Unsupported media type given',
  422: 'Request cannot be processed',
  429: 'Too many requests were sent',
  500: 'Internal server error occurred',
  503: 'Service is unavailable now',
};

const MIN_TEXT = 16;

export function toProblemBody(error: HttpError): ProblemBody {
  const title = TITLES[error.status] ?? 'The request has failed';
  const detail = error.message.length >= MIN_TEXT ? error.message : `${title}: ${error.message}`;
  const field = error instanceof V3Error ? error.params.field : undefined;
  return {
    type: `https://www.twilio.com/docs/api/errors/${error.code}`,
    title,
    status: error.status,
    code: error.code,
    detail,
    ...(field === undefined ? {} : { errors: [{ detail, pointer: jsonPointer(field) }] }),
  };
}

/** `participants[1].type` → `#/participants/1/type` (RFC 6901, as the spec's `errors[].pointer`). */
function jsonPointer(field: string): string {
  const parts = field.split(/[.[\]]+/).filter((part) => part !== '');
  return `#/${parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}
