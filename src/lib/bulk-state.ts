// The --state journal of a bulk run: one line per event (an input in flight, done, released), appended as
// things happen, compacted when the file is opened, and locked for the run, so a rerun creates nothing twice.
import type { Appender, JournalFiles } from './adapters/journal.js';
import { UsageError } from './errors.js';
import { isRecord } from './rows.js';

export interface DoneItem {
  transcriptSid: string;
  outcome: 'created' | 'exists';
}

/** What a kind of bulk run records of an input it has done, and how that is read back. */
export interface DoneRecord<D extends object> {
  /** The file's first line, which tells one kind of state file from another. */
  header: string;
  /** The done item of a done line's other fields; undefined when they are not one. */
  read(fields: Record<string, unknown>): D | undefined;
  /** Reads an older format's first line into `done`; false when it is not one. */
  legacy?(value: unknown, done: Map<string, D>): boolean;
}

/** An event as replayed; a done line is written flat, `{event: 'done', input, ...item}`. */
type JournalEvent<D extends object> =
  { event: 'in-flight'; input: string; at: string } | { event: 'done'; input: string; item: D } | { event: 'released'; input: string };

const LOCK_HINT = 'wait for that run to finish; if it is gone, remove the lock file';

const lineOf = <D extends object>(event: JournalEvent<D>) =>
  `${JSON.stringify(event.event === 'done' ? { event: 'done', input: event.input, ...event.item } : event)}\n`;

/** Bulk transcription's done items: the transcript each input made or found. */
export const TRANSCRIPT_DONE: DoneRecord<DoneItem> = {
  header: JSON.stringify({ ci: 'bulk-state', version: 2 }),
  read: ({ transcriptSid, outcome }) =>
    typeof transcriptSid === 'string' && (outcome === 'created' || outcome === 'exists') ? { transcriptSid, outcome } : undefined,
  // A whole version-1 checkpoint: {version: 1, done: {input: DoneItem}}.
  legacy(value, done) {
    if (!isRecord(value) || value.version !== 1 || !isRecord(value.done)) return false;
    for (const [input, item] of Object.entries(value.done)) {
      const read = isRecord(item) ? TRANSCRIPT_DONE.read(item) : undefined;
      if (read) done.set(input, read);
    }
    return true;
  },
};

/**
 * What the state file says: inputs done (with their transcript) and inputs whose create may have been sent
 * (with when), as of opening it. During the run every event is appended; an intent is durable before its
 * create goes out, the rest rides along with the next write.
 */
export class BulkState<D extends object = DoneItem> {
  private constructor(
    /** The state file, if there is one. */
    readonly path: string | undefined,
    readonly done: ReadonlyMap<string, D>,
    readonly inFlight: ReadonlyMap<string, Date>,
    private readonly journal: GroupCommit | undefined,
    private readonly now: () => Date,
    private readonly unlock: () => Promise<void>,
  ) {}

  /** No state file: nothing is remembered, nothing is written. */
  static none<D extends object = DoneItem>(now: () => Date): BulkState<D> {
    return new BulkState<D>(undefined, new Map(), new Map(), undefined, now, () => Promise.resolve());
  }

  /** Locks the file, reads it (or starts it), and rewrites it compacted; any failure here is exit 2, before any request. */
  static open(path: string, files: JournalFiles, now: () => Date): Promise<BulkState> {
    return BulkState.openFor(path, files, now, TRANSCRIPT_DONE);
  }

  /** `open` for another kind of bulk run, whose done items `record` reads and whose files its header marks. */
  static async openFor<D extends object>(path: string, files: JournalFiles, now: () => Date, record: DoneRecord<D>): Promise<BulkState<D>> {
    const unlock = await lock(path, files, now);
    try {
      const { done, inFlight } = fold(path, await stage(path, 'read', () => files.read(path)), record);
      await stage(path, 'written', () => files.replace(path, compacted(record.header, done, inFlight)));
      const appender = await stage(path, 'written', () => files.openAppend(path));
      return new BulkState(path, done, inFlight, new GroupCommit(appender), now, unlock);
    } catch (error) {
      await unlock();
      throw error;
    }
  }

  /** Marks inputs as in flight; resolves once that is on disk, so a create is never sent without a trace. */
  markInFlight(inputs: readonly string[]): Promise<void> {
    if (!this.journal) return Promise.resolve();
    const at = this.now().toISOString();
    for (const input of inputs) this.journal.add(lineOf<D>({ event: 'in-flight', input, at }));
    return this.journal.durable();
  }

  /** Written with the next group; nobody waits for it (a lost done line only costs the rerun a lookup). */
  recordDone(input: string, item: D): void {
    this.journal?.add(lineOf<D>({ event: 'done', input, item }));
  }

  /** Inputs marked in flight whose create was never sent (the run stopped first). */
  release(inputs: readonly string[]): void {
    for (const input of inputs) this.journal?.add(lineOf<D>({ event: 'released', input }));
  }

  /** Everything recorded so far, on disk; rejects with the write's error if the journal failed. */
  flush(): Promise<void> {
    return this.journal ? this.journal.durable() : Promise.resolve();
  }

  /** The error that stopped the journal, if a write failed. */
  get failure(): Error | undefined {
    return this.journal?.failure;
  }

  async close(): Promise<void> {
    await this.journal?.close();
    await this.unlock();
  }
}

/**
 * How long a done line may wait for company before it is written on its own (no one waits for it; a kill loses
 * at most this much of them, which costs the rerun a lookup each). Most ride along with the next group of
 * intents; a write of their own is a wake-up of the process, so not every few milliseconds.
 */
const LAZY_WRITE_MS = 250;

/**
 * Appends lines in groups: whatever is added while a write is under way goes out in the next write, so many
 * workers marking intents cost one write (and one fdatasync) per group, not one each; lines nobody waits for
 * go out with the next group, or after LAZY_WRITE_MS. After a failed write nothing more is written, so a torn
 * line can only ever be the last one.
 */
class GroupCommit {
  private lines: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private writing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  failure: Error | undefined;

  constructor(private readonly appender: Appender) {}

  add(line: string): void {
    if (this.failure !== undefined) return;
    this.lines.push(line);
    if (!this.writing) this.later();
  }

  durable(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.start();
    });
  }

  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
    await this.appender.close().catch(() => undefined);
  }

  private later(): void {
    this.timer ??= setTimeout(() => this.start(), LAZY_WRITE_MS).unref();
  }

  private start(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing) return;
    this.writing = true;
    queueMicrotask(() => void this.drain()); // what is added in the same turn shares the write
  }

  private async drain(): Promise<void> {
    do {
      const text = this.lines.join('');
      const waiters = this.waiters;
      this.lines = [];
      this.waiters = [];
      try {
        await this.appender.write(text, waiters.length > 0); // lines nobody waits for need no fdatasync
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
        for (const waiter of [...waiters, ...this.waiters]) waiter.reject(this.failure);
        this.waiters = [];
      }
    } while (this.failure === undefined && this.waiters.length > 0);
    this.writing = false;
    if (this.failure === undefined && this.lines.length > 0) this.later();
  }
}

/** Runs one step of opening the file; an IO error becomes exit 2 naming the file and what could not be done. */
async function stage<T>(path: string, what: 'read' | 'written', step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new UsageError(`the state file ${path} cannot be ${what} (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
}

function invalid(path: string, why: string): UsageError {
  return new UsageError(`the state file ${path} is not valid ${why}; fix it or move it away`);
}

/** Replays the journal. The header must be whole; a torn last line (a crash mid-append) is ignored unless it is whole. */
function fold<D extends object>(
  path: string,
  text: string | undefined,
  record: DoneRecord<D>,
): { done: Map<string, D>; inFlight: Map<string, Date> } {
  const done = new Map<string, D>();
  const inFlight = new Map<string, Date>();
  if (text === undefined || text.trim() === '') return { done, inFlight };
  const lines = text.split('\n');
  const last = lines.pop() ?? ''; // '' when the file ends with a newline, as it should
  if (lines.length === 0)
    throw invalid(path, parseOrUndefined(last) === undefined ? 'JSON (line 1)' : '(line 1: not a ci bulk state file)');
  lines.forEach((line, index) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw invalid(path, `JSON (line ${index + 1})`);
    }
    if (index === 0) return void readHeader(path, value, done, record);
    const event = asEvent(value, record);
    if (!event) throw invalid(path, `(line ${index + 1}: not a ci bulk state record)`);
    apply(event, done, inFlight);
  });
  const torn = asEvent(parseOrUndefined(last), record);
  if (torn) apply(torn, done, inFlight);
  return { done, inFlight };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The first line: the kind's header, or an older format the kind still reads. */
function readHeader<D extends object>(path: string, value: unknown, done: Map<string, D>, record: DoneRecord<D>): void {
  if (JSON.stringify(value) === record.header) return;
  if (record.legacy?.(value, done)) return;
  throw invalid(path, '(line 1: not a ci bulk state file)');
}

function asEvent<D extends object>(event: unknown, record: DoneRecord<D>): JournalEvent<D> | undefined {
  if (!isRecord(event) || typeof event.input !== 'string') return undefined;
  const { input } = event;
  if (event.event === 'in-flight' && typeof event.at === 'string' && !Number.isNaN(Date.parse(event.at)))
    return { event: 'in-flight', input, at: event.at };
  if (event.event === 'done') {
    const item = record.read(Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'event' && key !== 'input')));
    return item ? { event: 'done', input, item } : undefined;
  }
  if (event.event === 'released') return { event: 'released', input };
  return undefined;
}

function apply<D extends object>(event: JournalEvent<D>, done: Map<string, D>, inFlight: Map<string, Date>): void {
  inFlight.delete(event.input);
  if (event.event === 'in-flight' && !done.has(event.input)) inFlight.set(event.input, new Date(event.at));
  if (event.event === 'done') done.set(event.input, event.item);
}

function compacted<D extends object>(header: string, done: ReadonlyMap<string, D>, inFlight: ReadonlyMap<string, Date>): string {
  const lines = [`${header}\n`];
  for (const [input, item] of done) lines.push(lineOf<D>({ event: 'done', input, item }));
  for (const [input, since] of inFlight) lines.push(lineOf({ event: 'in-flight', input, at: since.toISOString() }));
  return lines.join('');
}

/** Takes `<path>.lock` (pid + host) for the run; a lock whose process is gone from this host is taken over. */
async function lock(path: string, files: JournalFiles, now: () => Date): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  const mine = `${JSON.stringify({ pid: files.pid, host: files.host, since: now().toISOString() })}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await stage(path, 'written', () => files.createExclusive(lockPath, mine)))
      return () => files.removeIfUnchanged(lockPath, mine).catch(() => undefined);
    const theirs = await stage(path, 'read', () => files.read(lockPath));
    if (theirs === undefined) continue; // released meanwhile
    const holder = holderOf(theirs);
    if (holder?.host === files.host && !files.processAlive(holder.pid)) {
      await stage(path, 'written', () => files.removeIfUnchanged(lockPath, theirs));
      continue;
    }
    const who = holder ? `pid ${holder.pid} on ${holder.host}` : 'holder unknown';
    throw new UsageError(`the state file ${path} is in use by another run (${who}; lock file ${lockPath})`, { hint: LOCK_HINT });
  }
  throw new UsageError(`the state file ${path} is in use by another run (lock file ${lockPath})`, { hint: LOCK_HINT });
}

function holderOf(text: string): { pid: number; host: string } | undefined {
  const holder = parseOrUndefined(text);
  if (!isRecord(holder)) return undefined;
  const { pid, host } = holder;
  return Number.isInteger(pid) && typeof host === 'string' ? { pid: Number(pid), host } : undefined;
}
