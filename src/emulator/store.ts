import { acquireStateLock, formatState, readStateFile, writeStateFile, type CollectionState, type StateLock } from './state-file.js';

/** Every stored resource is addressed by its SID. */
export interface Resource {
  sid: string;
}

/** `seq` is a per-collection insertion counter: it orders lists and anchors page tokens. */
export interface Entry<T> {
  readonly seq: number;
  readonly value: T;
}

export type ChangeKind = 'created' | 'updated' | 'deleted';
export type ChangeListener = (collection: string, kind: ChangeKind) => void;

/** A save of the state file failed: the change was rolled back and must not be acknowledged. */
export class PersistError extends Error {}

/** One change inside a commit: enough to undo it (before) and to redo it (after). */
interface Change {
  collection: Collection<Resource>;
  sid: string;
  before: Entry<Resource> | undefined;
  after: Entry<Resource> | undefined;
  kind: ChangeKind;
}

/** A secondary index: resources by a key derived from them (resources without a key are not indexed). */
export class Index<T extends Resource> {
  private readonly sidsByKey = new Map<string, Set<string>>();

  constructor(
    private readonly keyOf: (value: T) => string | undefined,
    private readonly collection: Collection<T>,
  ) {}

  /** The entries with this key, in list order. */
  lookup(key: string): Entry<T>[] {
    const sids = this.sidsByKey.get(key);
    if (!sids) return [];
    return [...sids].flatMap((sid) => this.collection.entryOf(sid) ?? []).sort((a, b) => a.seq - b.seq);
  }

  /** @internal kept current by the collection */
  update(before: T | undefined, after: T | undefined): void {
    const oldKey = before && this.keyOf(before);
    const newKey = after && this.keyOf(after);
    if (oldKey === newKey) return;
    if (before && oldKey !== undefined) {
      const sids = this.sidsByKey.get(oldKey);
      sids?.delete(before.sid);
      if (sids?.size === 0) this.sidsByKey.delete(oldKey);
    }
    if (after && newKey !== undefined) {
      let sids = this.sidsByKey.get(newKey);
      if (!sids) this.sidsByKey.set(newKey, (sids = new Set()));
      sids.add(after.sid);
    }
  }
}

/** Resources of one kind, keyed by SID, listed in insertion order. Changes only inside `store.commit()`. */
export class Collection<T extends Resource> {
  private readonly bySid = new Map<string, Entry<T>>();
  private nextSeq = 1;
  // Lists are read far more often than written: the ordered array is kept up to date on insert
  // and replace (appended, patched), and rebuilt only after a delete or a rollback.
  private ordered: Entry<T>[] | undefined;
  private readonly indexes = new Map<string, Index<T>>();

  constructor(
    readonly name: string,
    private readonly record: (change: Change) => void,
  ) {}

  get size(): number {
    return this.bySid.size;
  }

  get(sid: string): T | undefined {
    return this.bySid.get(sid)?.value;
  }

  /** @internal */
  entryOf(sid: string): Entry<T> | undefined {
    return this.bySid.get(sid);
  }

  find(predicate: (value: T) => boolean): T | undefined {
    for (const { value } of this.bySid.values()) if (predicate(value)) return value;
    return undefined;
  }

  /** The named index of this collection, built on first use and kept current from then on. */
  index(name: string, keyOf: (value: T) => string | undefined): Index<T> {
    let index = this.indexes.get(name);
    if (!index) {
      index = new Index(keyOf, this);
      for (const { value } of this.bySid.values()) index.update(undefined, value);
      this.indexes.set(name, index);
    }
    return index;
  }

  insert(value: T): T {
    if (this.bySid.has(value.sid)) throw new Error(`${this.name}: duplicate sid ${value.sid}`);
    const entry = { seq: this.nextSeq, value };
    this.set(value.sid, undefined, entry, 'created');
    this.nextSeq++;
    this.ordered?.push(entry);
    return value;
  }

  /** Replaces a resource in place, keeping its position in lists. */
  replace(value: T): T {
    const before = this.bySid.get(value.sid);
    if (!before) throw new Error(`${this.name}: no resource ${value.sid} to replace`);
    const entry = { seq: before.seq, value };
    this.set(value.sid, before, entry, 'updated');
    if (this.ordered) this.ordered[firstIndexWithSeqAtLeast(this.ordered, entry.seq)] = entry;
    return value;
  }

  delete(sid: string): boolean {
    const before = this.bySid.get(sid);
    if (!before) return false;
    this.set(sid, before, undefined, 'deleted');
    this.ordered = undefined;
    return true;
  }

  /** All entries in insertion order (ascending `seq`); do not mutate. */
  entries(): readonly Entry<T>[] {
    this.ordered ??= [...this.bySid.values()].sort((a, b) => a.seq - b.seq);
    return this.ordered;
  }

  toState(): CollectionState {
    return { nextSeq: this.nextSeq, entries: [...this.entries()] };
  }

  loadState(state: CollectionState): void {
    for (const entry of state.entries as Entry<T>[]) this.bySid.set(entry.value.sid, entry);
    this.nextSeq = state.nextSeq;
    this.ordered = undefined;
  }

  /** @internal puts an entry back (undo) or again (redo); `seq` stays what it was. */
  restore(sid: string, entry: Entry<T> | undefined): void {
    const current = this.bySid.get(sid);
    if (entry) this.bySid.set(sid, entry);
    else this.bySid.delete(sid);
    for (const index of this.indexes.values()) index.update(current?.value, entry?.value);
    this.ordered = undefined;
  }

  /** @internal the seq counter, saved and restored with a commit */
  get seqCounter(): number {
    return this.nextSeq;
  }

  set seqCounter(value: number) {
    this.nextSeq = value;
  }

  private set(sid: string, before: Entry<T> | undefined, after: Entry<T> | undefined, kind: ChangeKind): void {
    this.record({ collection: this as unknown as Collection<Resource>, sid, before, after, kind });
    if (after) this.bySid.set(sid, after);
    else this.bySid.delete(sid);
    for (const index of this.indexes.values()) index.update(before?.value, after?.value);
  }
}

/** Binary search in entries ordered by `seq`: the index of the first with a seq ≥ `seq`. */
export function firstIndexWithSeqAtLeast(entries: readonly Entry<unknown>[], seq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle]?.seq ?? Infinity) < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface PendingCommit {
  mutate: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The changes of one batch of commits, in the order they were made. */
class Journal {
  readonly changes: Change[] = [];
  private readonly countersBefore = new Map<Collection<Resource>, number>();
  private readonly countersAfter = new Map<Collection<Resource>, number>();

  /** Called before the change is applied. */
  add(change: Change): void {
    if (!this.countersBefore.has(change.collection)) this.countersBefore.set(change.collection, change.collection.seqCounter);
    this.changes.push(change);
  }

  /** Undoes and forgets the changes made since `mark` (a length of `changes`): a commit that threw. */
  dropSince(mark: number): void {
    for (const change of this.changes.splice(mark).reverse()) change.collection.restore(change.sid, change.before);
  }

  /** Undoes every change, newest first (they can be redone). */
  undo(): void {
    for (const collection of this.countersBefore.keys()) this.countersAfter.set(collection, collection.seqCounter);
    for (const change of [...this.changes].reverse()) change.collection.restore(change.sid, change.before);
    for (const [collection, counter] of this.countersBefore) collection.seqCounter = counter;
  }

  redo(): void {
    for (const change of this.changes) change.collection.restore(change.sid, change.after);
    for (const [collection, counter] of this.countersAfter) collection.seqCounter = counter;
  }
}

/**
 * All collections of the emulator. Resource modules ask for theirs by name, so adding a resource
 * needs no change here.
 *
 * Every change goes through `commit(mutate)`, which resolves only once the change is saved: with a
 * state file, the mutations waiting while a save is under way are applied together, the state is
 * serialised, the changes are undone, the file is written, and only then are they applied again
 * and acknowledged. So nothing unsaved is ever visible, and a failed save rolls back (PersistError).
 * A change outside a commit (e.g. in a GET handler) throws.
 */
export class Store {
  private readonly collections = new Map<string, Collection<Resource>>();
  private readonly loaded: Record<string, CollectionState>;
  private readonly lock: StateLock | undefined;
  private journal: Journal | undefined;
  private readonly queue: PendingCommit[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly stateFile: string | undefined,
    private readonly listener: ChangeListener = () => {},
  ) {
    this.lock = stateFile === undefined ? undefined : acquireStateLock(stateFile);
    try {
      this.loaded = stateFile === undefined ? {} : readStateFile(stateFile);
    } catch (error) {
      this.lock?.release();
      throw error;
    }
  }

  collection<T extends Resource>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new Collection<Resource>(name, (change) => this.record(change));
      const state = this.loaded[name];
      if (state) collection.loadState(state);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  /** Applies `mutate`, saves the state file if there is one, and resolves with mutate's result. */
  commit<R>(mutate: () => R | Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ mutate, resolve: resolve as (value: unknown) => void, reject });
      this.startFlushing();
    });
  }

  /**
   * Runs the queue unless it is running. A commit queued after the loop's last look but before it settled
   * (its caller awaited an earlier commit) is picked up here, so no commit is left waiting.
   */
  private startFlushing(): void {
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.startFlushing();
    });
  }

  /** Waits for commits under way, then releases the state file's lock. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.lock?.release();
  }

  private record(change: Change): void {
    if (!this.journal) throw new Error(`${change.collection.name}: changed outside a commit`);
    this.journal.add(change);
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      const journal = (this.journal = new Journal());
      const applied: Array<{ pending: PendingCommit; result: unknown }> = [];
      try {
        for (const pending of batch) {
          const mark = journal.changes.length;
          try {
            applied.push({ pending, result: await pending.mutate() });
          } catch (error) {
            journal.dropSince(mark); // a handler that threw half-way leaves nothing behind
            pending.reject(error);
          }
        }
      } finally {
        this.journal = undefined;
      }
      const error = journal.changes.length > 0 ? await this.persist(journal) : undefined;
      for (const { pending, result } of applied) {
        if (error) pending.reject(error);
        else pending.resolve(result);
      }
      if (!error) for (const change of journal.changes) this.listener(change.collection.name, change.kind);
    }
  }

  /** Saves the state with the batch's changes; on failure the changes are undone. */
  private async persist(journal: Journal): Promise<PersistError | undefined> {
    if (this.stateFile === undefined) return undefined;
    let contents: string;
    try {
      contents = this.serialise();
    } catch (error) {
      journal.undo();
      return new PersistError(`the state could not be serialised: ${String(error)}`);
    }
    journal.undo(); // while the file is written, so no request sees a change before it is saved
    try {
      await writeStateFile(this.stateFile, contents);
    } catch (error) {
      return new PersistError(`${this.stateFile}: ${String(error)}`);
    }
    journal.redo();
    return undefined;
  }

  private serialise(): string {
    // Collections not touched since start are kept as loaded.
    const collections: Record<string, CollectionState> = { ...this.loaded };
    for (const [name, collection] of this.collections) collections[name] = collection.toState();
    return formatState(collections);
  }
}
