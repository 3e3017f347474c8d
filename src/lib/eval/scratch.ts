// What an evaluation creates for itself, so it can delete exactly that (and nothing of the user's) at the end,
// after Ctrl-C or a failure too, or keep it and say what it kept.
import { errorText, httpStatusOf, toCliError } from '../errors.js';
import type { Kept } from './report.js';

interface Made {
  kind: string;
  id: string;
  remove: () => Promise<void>;
}

export class Scratch {
  private made: Made[] = [];

  /** Records a resource just created, with how to delete it. */
  add(kind: string, id: string, remove: () => Promise<void>): void {
    this.made.push({ kind, id, remove });
  }

  /** Everything created, by kind, in the order it was made. */
  kept(): Kept {
    const kept: Kept = {};
    for (const { kind, id } of this.made) (kept[kind] ??= []).push(id);
    return kept;
  }

  /**
   * Deletes everything, newest first (conversations before the configurations they use), each at most
   * once; a delete that fails does not stop the others. Returns what could not be deleted, and why.
   */
  async removeAll(): Promise<string[]> {
    const problems: string[] = [];
    for (const made of this.made.reverse()) {
      try {
        await made.remove();
      } catch (error) {
        if (httpStatusOf(error) === 404) continue; // gone already
        problems.push(`${made.kind} ${made.id}: ${errorText(toCliError(error))}`);
      }
    }
    this.made = [];
    return problems;
  }
}
