import { ApiError, httpStatusOf, toCliError } from './errors.js';

const PRECONDITION_FAILED = 412;

/**
 * An If-Match update refused with 412, explained: the resource changed since it was read, and
 * nothing was overwritten. Anything else is returned unchanged, for the caller to rethrow.
 */
export function explainConflict(error: unknown, what: string, version: string | number, hint: string): unknown {
  if (httpStatusOf(error) !== PRECONDITION_FAILED) return error;
  const { code, moreInfo } = toCliError(error);
  return new ApiError(`conflict: ${what} is no longer at version ${version}, someone changed it; nothing was overwritten`, {
    code,
    moreInfo,
    status: PRECONDITION_FAILED,
    hint,
    cause: error,
  });
}
