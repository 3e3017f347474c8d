// Long-running operations of Conversations v2 and Memory v1: a create, update or delete answers 202 with a
// `statusUrl`; `ci` polls it (unless told not to wait) until it completes. No IO besides the client.
import { ApiError, WaitError } from './errors.js';
import { pollUntilDone, type Poll, type WaitOptions } from './polling.js';

export type { WaitOptions } from './polling.js';

export const DEFAULT_WAIT: Omit<WaitOptions, 'signal'> = { timeoutMs: 120_000, intervalMs: 250 };

/** What an operation says of itself, in either API's words. */
export interface OperationState {
  status: string;
  /** A failed operation's reason (`error.detail` or `error.title`). */
  problem?: string;
}

/** The operation ID at the end of a statusUrl (`…/ControlPlane/Operations/<id>`). */
export function operationIdOf(statusUrl: string): string {
  const id = URL.canParse(statusUrl) ? new URL(statusUrl).pathname.split('/').pop() : undefined;
  if (!id) throw new ApiError(`the API answered with a status URL that names no operation: ${statusUrl}`);
  return id;
}

/**
 * Polls `fetch` until the operation has COMPLETED; FAILED or CANCELLED is an ApiError, running out of time a
 * WaitError (exit 5) that names the status URL to look at later.
 */
export async function waitForOperation(
  what: string,
  statusUrl: string,
  fetch: () => Promise<OperationState>,
  options: WaitOptions,
): Promise<void> {
  const look = async (): Promise<Poll<undefined>> => {
    const state = await fetch();
    if (state.status === 'FAILED' || state.status === 'CANCELLED') {
      throw new ApiError(`${what} ${state.status.toLowerCase()}${state.problem ? `: ${state.problem}` : ''}`);
    }
    return state.status === 'COMPLETED' ? { done: true, value: undefined } : { done: false, status: state.status };
  };
  await pollUntilDone(look, options, (status) => {
    return new WaitError(`timed out waiting for ${what} (still ${status})`, { hint: `its status: ${statusUrl}` });
  });
}
