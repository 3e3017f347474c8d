import type { ChangeKind } from './store.js';
import type { Route } from './router.js';

type Counts = Record<string, number>;

/** Counters behind GET /emulator/stats, for tests and benchmarks to see what the emulator did. */
export class Stats {
  /** Keyed "METHOD /route/{Pattern}"; requests that matched no route count under "METHOD (unmatched)". */
  private readonly requests: Counts = {};
  private readonly created: Counts = {};
  private readonly deleted: Counts = {};
  /** Injected faults by kind: fail, throttle, busy, reset, reset-after-commit. */
  private readonly faults: Counts = {};

  recordRequest(method: string, pattern: string | undefined): void {
    increment(this.requests, `${method} ${pattern ?? '(unmatched)'}`);
  }

  recordChange(collection: string, kind: ChangeKind): void {
    if (kind === 'created') increment(this.created, collection);
    if (kind === 'deleted') increment(this.deleted, collection);
  }

  recordFault(kind: string): void {
    increment(this.faults, kind);
  }

  toJSON(): { requests: Counts; created: Counts; deleted: Counts; faults: Counts } {
    return { requests: { ...this.requests }, created: { ...this.created }, deleted: { ...this.deleted }, faults: { ...this.faults } };
  }
}

function increment(counts: Counts, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export const statsRoutes: Route[] = [
  { method: 'GET', pattern: '/emulator/stats', handler: ({ stats }) => ({ status: 200, body: stats.toJSON() }) },
];
