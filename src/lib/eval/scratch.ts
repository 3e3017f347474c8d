// What an evaluation creates for itself, so it can delete exactly that (and nothing of the user's) at the end,
// after Ctrl-C or a failure too, or keep it and say what it kept. Every scratch resource is named after the run
// (`ci eval <label>`, or `ci-eval-<label>` where only letters, digits and hyphens are allowed), so a create whose
// answer was lost can be found again, and what a killed run left behind can be found later (see stale.ts).
import type { Twilio } from 'twilio';
import { DEFAULT_WAIT } from '../conversations-operations.js';
import { deleteConversation, deleteConversationConfiguration, waitForConversationsOperation } from '../conversations-v2.js';
import { errorText, httpStatusOf, toCliError } from '../errors.js';
import { mapPool } from '../pool.js';
import { deleteMemoryStore } from '../memory.js';
import { deleteConfiguration } from '../v3/configurations.js';
import type { Kept } from './report.js';

/** Deletes one resource; what it returns, if anything, waits until the delete has been carried out. */
export type Remove = (client: Twilio) => Promise<(() => Promise<void>) | void>;

interface Made {
  kind: string;
  id: string;
  remove: Remove;
}

/** Deletes in flight at once while cleaning up. */
const DELETES_AT_ONCE = 10;
/** Deletes waited for at once: each polls its operation a few times a second, mostly it sleeps. */
const WAITS_AT_ONCE = 25;

/** The description of scratch resources a run deletes at its end: the only ones stale.ts deletes for it. */
export const DELETED_AT_END = 'Scratch resource of `ci operators eval`; deleted when the evaluation ends.';
const KEPT_AT_END = 'Scratch resource of `ci operators eval --keep`; kept when the evaluation ends.';

/** The intelligence configuration's display name (at most 128 characters of anything). */
export function scratchDisplayName(label: string): string {
  return `ci eval ${label}`;
}

/** The memory store's and conversation configuration's name: letters, digits and hyphens, at most 32 characters. */
export function scratchName(label: string): string {
  return `ci-eval-${label.replace(/[^a-zA-Z0-9]+/g, '')}`.slice(0, 32);
}

/** How each kind of scratch resource is deleted (the Conversations deletes answer 202: their waits follow). */
export const REMOVE = {
  intelligenceConfigurations:
    (id: string): Remove =>
    (client) =>
      deleteConfiguration(client, id),
  memoryStores:
    (id: string): Remove =>
    (client) =>
      deleteMemoryStore(client, id),
  conversationConfigurations:
    (id: string): Remove =>
    async (client) => {
      const { statusUrl } = await deleteConversationConfiguration(client, id, undefined);
      return () => waitForConversationsOperation(client, `deleting conversation configuration ${id}`, statusUrl, DEFAULT_WAIT);
    },
  conversations:
    (id: string): Remove =>
    async (client) => {
      const { statusUrl } = await deleteConversation(client, id, undefined);
      return () => waitForConversationsOperation(client, `deleting conversation ${id}`, statusUrl, DEFAULT_WAIT);
    },
} satisfies Record<string, (id: string) => Remove>;
export type ScratchKind = keyof typeof REMOVE;

export class Scratch {
  private made: Made[] = [];
  /** What every scratch resource of this run says of itself. */
  readonly description: string;

  constructor({ keep = false }: { keep?: boolean } = {}) {
    this.description = keep ? KEPT_AT_END : DELETED_AT_END;
  }

  /** Records a resource just created (deleted with the rest, unless kept). */
  add(kind: ScratchKind, id: string): void {
    this.made.push({ kind, id, remove: REMOVE[kind](id) });
  }

  /** Everything created, by kind, in the order it was made. */
  kept(): Kept {
    const kept: Kept = {};
    for (const { kind, id } of this.made) (kept[kind] ??= []).push(id);
    return kept;
  }

  /**
   * Deletes everything, the latest kind first (conversations before the configurations they use): each kind's
   * deletes are sent a few at a time, then waited for together (an asynchronous delete of Conversations v2 must
   * have been carried out before what the deleted resources used can go). A delete that fails does not stop the others.
   * Returns what could not be deleted, and why. `client` is one Ctrl-C does not stop: the run's own is
   * interrupted by then.
   */
  async removeAll(client: Twilio): Promise<string[]> {
    const problems: string[] = [];
    const kinds = [...new Set(this.made.map((made) => made.kind))].reverse();
    for (const kind of kinds) {
      const ofKind = this.made.filter((made) => made.kind === kind);
      const sent = ofKind.map(({ kind: of, id, remove }) => ({ kind: of, id, run: () => remove(client) }));
      await inPool(await inPool(sent, DELETES_AT_ONCE, problems), WAITS_AT_ONCE, problems);
    }
    this.made = [];
    return problems;
  }
}

/** A delete to send, or to wait for: its follow-up (the wait), if any, is returned. */
interface Step {
  kind: string;
  id: string;
  run: () => Promise<(() => Promise<void>) | void>;
}

/** Clean-up is not stopped by Ctrl-C: it is what runs after one. */
const NEVER = new AbortController().signal;

/**
 * Runs the steps, `atOnce` in flight (a slow one, e.g. waiting out a 429, holds up only its own slot);
 * failures (but a 404: gone already) go to `problems`. Their follow-ups.
 */
async function inPool(steps: readonly Step[], atOnce: number, problems: string[]): Promise<Step[]> {
  const followUps: Step[] = [];
  const outcomes = mapPool(steps, atOnce, NEVER, async ({ kind, id, run }) => {
    try {
      const next = await run();
      if (next) followUps.push({ kind, id, run: next });
    } catch (error) {
      if (httpStatusOf(error) !== 404) problems.push(`${kind} ${id}: ${errorText(toCliError(error))}`);
    }
  });
  for await (const outcome of outcomes) void outcome;
  return followUps;
}
