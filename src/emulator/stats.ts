import type { ChangeKind } from './store.js';

type Counts = Record<string, number>;

export interface StatsSnapshot {
  /** Keyed "METHOD /route/{Pattern}"; requests that matched no route count under "METHOD (unmatched)". */
  requests: Counts;
  /** Resources created and deleted, by collection (only changes that were saved). */
  created: Counts;
  deleted: Counts;
  /** Injected faults by kind: fail, throttle, busy, reset, reset-after-commit. */
  faults: Counts;
  /** Rule-execution webhooks by outcome: delivered, failed (refused, unreachable, or answered >= 300). */
  webhooks: Counts;
}

/** Counters behind GET /emulator/stats, for tests and benchmarks to see what the emulator did. */
export class Stats {
  /** Keyed "METHOD /route/{Pattern}"; requests that matched no route count under "METHOD (unmatched)". */
  private readonly requests: Counts = {};
  private readonly created: Counts = {};
  private readonly deleted: Counts = {};
  /** Injected faults by kind: fail, throttle, busy, reset, reset-after-commit. */
  private readonly faults: Counts = {};
  private readonly webhooks: Counts = {};

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

  recordWebhook(outcome: 'delivered' | 'failed'): void {
    increment(this.webhooks, outcome);
  }

  toJSON(): StatsSnapshot {
    return {
      requests: { ...this.requests },
      created: { ...this.created },
      deleted: { ...this.deleted },
      faults: { ...this.faults },
      webhooks: { ...this.webhooks },
    };
  }
}

function increment(counts: Counts, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
