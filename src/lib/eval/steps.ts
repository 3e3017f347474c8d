// Retrying an evaluation's steps on transient failures, on top of the client's own retries (which re-send a
// create only after a 429, since a 5xx or a lost connection may hide a create that happened).
import { isTransient } from '../bulk.js';
import { InterruptedError, httpStatusOf } from '../errors.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../retry.js';
import { sleep } from '../time.js';

/** Attempts per step on transient failures. */
const STEP_ATTEMPTS = 5;

/** Runs `step`, again after a transient failure (`onlyRefused`: only after a 429, which applied nothing). */
export async function retried<T>(signal: AbortSignal, step: () => Promise<T>, { onlyRefused = false } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const again = onlyRefused ? httpStatusOf(error) === 429 : isTransient(error);
      if (error instanceof InterruptedError || !again || attempt >= STEP_ATTEMPTS) throw error;
      await sleep(retryDelayMs(attempt, DEFAULT_RETRY_POLICY), signal);
    }
  }
}

export interface NamedCreate<T> {
  create: () => Promise<T>;
  /** The resource by its unique scratch name, if a create of it was applied. */
  find: () => Promise<T | undefined>;
}

/**
 * Creates a resource that has a name no one else uses, safely retried: after a transient failure (a 429, a 5xx,
 * a lost connection: the create may or may not have been applied) the resource is looked up by that name, and
 * created again only when it is not there. So a resource is never made twice, and a failed setup is not final.
 */
export async function createdOnce<T>(signal: AbortSignal, { create, find }: NamedCreate<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if (error instanceof InterruptedError || !isTransient(error)) throw error;
      await sleep(retryDelayMs(attempt, DEFAULT_RETRY_POLICY), signal);
      // Looked up after the last attempt too: a create applied then is the run's, to be deleted with the rest.
      const found = await retried(signal, find);
      if (found !== undefined) return found;
      if (attempt >= STEP_ATTEMPTS) throw error;
    }
  }
}
