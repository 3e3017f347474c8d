import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

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

const STATE_FORMAT = 'ci-emulator-state/1';

interface CollectionState {
  nextSeq: number;
  entries: Entry<unknown>[];
}

interface StateFileContents {
  format: typeof STATE_FORMAT;
  collections: Record<string, CollectionState>;
}

/** Resources of one kind, keyed by SID, listed in insertion order. */
export class Collection<T extends Resource> {
  private readonly bySid = new Map<string, Entry<T>>();
  private nextSeq = 1;
  // Lists are read far more often than written; the ordered array is rebuilt only after a change.
  private ordered: Entry<T>[] | undefined;

  constructor(
    readonly name: string,
    private readonly onChange: ChangeListener,
  ) {}

  get size(): number {
    return this.bySid.size;
  }

  get(sid: string): T | undefined {
    return this.bySid.get(sid)?.value;
  }

  find(predicate: (value: T) => boolean): T | undefined {
    for (const { value } of this.bySid.values()) if (predicate(value)) return value;
    return undefined;
  }

  insert(value: T): T {
    if (this.bySid.has(value.sid)) throw new Error(`${this.name}: duplicate sid ${value.sid}`);
    this.bySid.set(value.sid, { seq: this.nextSeq++, value });
    this.changed('created');
    return value;
  }

  /** Replaces a resource in place, keeping its position in lists. */
  replace(value: T): T {
    const entry = this.bySid.get(value.sid);
    if (!entry) throw new Error(`${this.name}: no resource ${value.sid} to replace`);
    this.bySid.set(value.sid, { seq: entry.seq, value });
    this.changed('updated');
    return value;
  }

  delete(sid: string): boolean {
    if (!this.bySid.delete(sid)) return false;
    this.changed('deleted');
    return true;
  }

  /** All entries in insertion order (ascending `seq`); do not mutate. */
  entries(): readonly Entry<T>[] {
    this.ordered ??= [...this.bySid.values()];
    return this.ordered;
  }

  toState(): CollectionState {
    return { nextSeq: this.nextSeq, entries: [...this.entries()] };
  }

  loadState(state: CollectionState): void {
    for (const entry of state.entries) this.bySid.set((entry.value as T).sid, entry as Entry<T>);
    this.nextSeq = state.nextSeq;
    this.ordered = undefined;
  }

  private changed(kind: ChangeKind): void {
    this.ordered = undefined;
    this.onChange(this.name, kind);
  }
}

/**
 * All collections of the emulator. Resource modules ask for theirs by name, so adding a resource
 * needs no change here. With a state file, changes are saved by `save()` (the server calls it
 * before answering a mutating request, so an acknowledged change is on disk).
 */
export class Store {
  private readonly collections = new Map<string, Collection<Resource>>();
  private loaded: Record<string, CollectionState> = {};
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly stateFile: string | undefined,
    private readonly listener: ChangeListener,
  ) {
    if (stateFile && existsSync(stateFile)) this.loaded = readStateFile(stateFile);
  }

  collection<T extends Resource>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new Collection<Resource>(name, (changed, kind) => {
        this.dirty = true;
        this.listener(changed, kind);
      });
      const state = this.loaded[name];
      if (state) collection.loadState(state);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  /**
   * Writes the state file if anything changed (tmp file + rename, so a crash never leaves half a
   * file). Calls are chained, so concurrent requests never write at the same time.
   */
  save(): Promise<void> {
    // A failed write must not block later ones: each link starts from a settled promise.
    this.saving = this.saving.catch(() => undefined).then(() => this.writeIfDirty());
    return this.saving;
  }

  private async writeIfDirty(): Promise<void> {
    if (!this.stateFile || !this.dirty) return;
    this.dirty = false;
    // Collections not touched since start are kept as loaded.
    const collections: Record<string, CollectionState> = { ...this.loaded };
    for (const [name, collection] of this.collections) collections[name] = collection.toState();
    const contents: StateFileContents = { format: STATE_FORMAT, collections };
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(contents));
      await rename(tmp, this.stateFile);
    } catch (error) {
      this.dirty = true; // retry with the next save
      throw error;
    }
  }
}

function readStateFile(file: string): Record<string, CollectionState> {
  const contents = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateFileContents>;
  if (contents.format !== STATE_FORMAT || typeof contents.collections !== 'object' || !contents.collections) {
    throw new Error(`${file} is not an emulator state file (expected format ${STATE_FORMAT})`);
  }
  return contents.collections;
}
