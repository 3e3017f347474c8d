// What an evaluation creates for itself, so it can delete exactly that (and nothing of the user's) at the end,
// after Ctrl-C or a failure too, or keep it and say what it kept.
import type { Twilio } from 'twilio';
import { errorText, httpStatusOf, toCliError } from '../errors.js';
import type { Kept } from './report.js';

interface Made {
  kind: string;
  id: string;
  remove: (client: Twilio) => Promise<void>;
}

/** Deletes in flight at once while cleaning up. */
const DELETES_AT_ONCE = 10;

export class Scratch {
  private made: Made[] = [];

  /** Records a resource just created, with how to delete it. */
  add(kind: string, id: string, remove: (client: Twilio) => Promise<void>): void {
    this.made.push({ kind, id, remove });
  }

  /** Everything created, by kind, in the order it was made. */
  kept(): Kept {
    const kept: Kept = {};
    for (const { kind, id } of this.made) (kept[kind] ??= []).push(id);
    return kept;
  }

  /**
   * Deletes everything, the latest kind first (conversations before the configurations they use), a few at a
   * time within a kind; a delete that fails does not stop the others. Returns what could not be deleted, and why.
   * `client` is one Ctrl-C does not stop: the run's own is interrupted by then.
   */
  async removeAll(client: Twilio): Promise<string[]> {
    const problems: string[] = [];
    const kinds = [...new Set(this.made.map((made) => made.kind))].reverse();
    for (const kind of kinds) {
      const ofKind = this.made.filter((made) => made.kind === kind);
      for (let start = 0; start < ofKind.length; start += DELETES_AT_ONCE) {
        await Promise.all(
          ofKind.slice(start, start + DELETES_AT_ONCE).map(async (made) => {
            try {
              await made.remove(client);
            } catch (error) {
              if (httpStatusOf(error) !== 404) problems.push(`${made.kind} ${made.id}: ${errorText(toCliError(error))}`); // 404: gone already
            }
          }),
        );
      }
    }
    this.made = [];
    return problems;
  }
}
