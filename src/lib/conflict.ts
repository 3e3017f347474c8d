import { ApiError } from './errors.js';

const PRECONDITION_FAILED = 412;

/**
 * An If-Match update refused with 412, explained: the resource changed since it was read, and
 * nothing was overwritten. Anything else is returned unchanged, for the caller to rethrow.
 */
export function explainConflict(error: unknown, what: string, version: string | number, hint: string): unknown {
  const rest = error as { status?: number; code?: number; moreInfo?: string };
  if (rest.status !== PRECONDITION_FAILED) return error;
  return new ApiError(`conflict: ${what} is no longer at version ${version}, someone changed it; nothing was overwritten`, {
    code: rest.code,
    moreInfo: rest.moreInfo,
    status: rest.status,
    hint,
    cause: error,
  });
}
