// The --state journal of a bulk run: one line per event (an input in flight, done, released), appended as
// things happen, compacted when the file is opened, and locked for the run, so a rerun creates nothing twice.
import type { Appender, JournalFiles } from './adapters/journal.js';
import { UsageError } from './errors.js';

export interface DoneItem {
  transcriptSid: string;
  outcome: 'created' | 'exists';
}

type JournalEvent =
  { event: 'in-flight'; input: string; at: string } | ({ event: 'done'; input: string } & DoneItem) | { event: 'released'; input: string };

const HEADER = JSON.stringify({ ci: 'bulk-state', version: 2 });
const LOCK_HINT = 'wait for that run to finish; if it is gone, remove the lock file';

const lineOf = (event: JournalEvent) => `${JSON.stringify(event)}\n`;

/**
 * What the state file says: inputs done (with their transcript) and inputs whose create may have been sent
 * (with when), as of opening it. During the run every event is appended; an intent is durable before its
 * create goes out, the rest rides along with the next write.
 */
export class BulkState {
  private constructor(
    /** The state file, if there is one. */
    readonly path: string | undefined,
    readonly done: ReadonlyMap<string, DoneItem>,
    readonly inFlight: ReadonlyMap<string, Date>,
    private readonly journal: GroupCommit | undefined,
    private readonly now: () => Date,
    private readonly unlock: () => Promise<void>,
  ) {}

  /** No state file: nothing is remembered, nothing is written. */
  static none(now: () => Date): BulkState {
    return new BulkState(undefined, new Map(), new Map(), undefined, now, () => Promise.resolve());
  }

  /** Locks the file, reads it (or starts it), and rewrites it compacted; any failure here is exit 2, before any request. */
  static async open(path: string, files: JournalFiles, now: () => Date): Promise<BulkState> {
    const unlock = await lock(path, files, now);
    try {
      const { done, inFlight } = fold(path, await stage(path, 'read', () => files.read(path)));
      await stage(path, 'written', () => files.replace(path, compacted(done, inFlight)));
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
    for (const input of inputs) this.journal.add(lineOf({ event: 'in-flight', input, at }));
    return this.journal.durable();
  }

  /** Written with the next group; nobody waits for it (a lost done line only costs the rerun a lookup). */
  recordDone(input: string, item: DoneItem): void {
    this.journal?.add(lineOf({ event: 'done', input, ...item }));
  }

  /** Inputs marked in flight whose create was never sent (the run stopped first). */
  release(inputs: readonly string[]): void {
    for (const input of inputs) this.journal?.add(lineOf({ event: 'released', input }));
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

/** How long a done line may wait for company before it is written on its own (no one waits for it). */
const LAZY_WRITE_MS = 25;

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
function fold(path: string, text: string | undefined): { done: Map<string, DoneItem>; inFlight: Map<string, Date> } {
  const done = new Map<string, DoneItem>();
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
    if (index === 0) return void readHeader(path, value, done);
    const event = asEvent(value);
    if (!event) throw invalid(path, `(line ${index + 1}: not a ci bulk state record)`);
    apply(event, done, inFlight);
  });
  const torn = asEvent(parseOrUndefined(last));
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

/** The first line: our header, or a whole version-1 checkpoint ({version: 1, done: {input: DoneItem}}). */
function readHeader(path: string, value: unknown, done: Map<string, DoneItem>): void {
  if (JSON.stringify(value) === HEADER) return;
  const v1 = value as { version?: unknown; done?: unknown } | null;
  if (v1?.version === 1 && typeof v1.done === 'object' && v1.done !== null) {
    for (const [input, item] of Object.entries(v1.done)) {
      const event = asEvent({ event: 'done', input, ...(item as object) });
      if (event?.event === 'done') done.set(input, { transcriptSid: event.transcriptSid, outcome: event.outcome });
    }
    return;
  }
  throw invalid(path, '(line 1: not a ci bulk state file)');
}

function asEvent(value: unknown): JournalEvent | undefined {
  const event = value as Partial<Record<string, unknown>> | null;
  if (typeof event !== 'object' || event === null || typeof event.input !== 'string') return undefined;
  const { input } = event;
  if (event.event === 'in-flight' && typeof event.at === 'string' && !Number.isNaN(Date.parse(event.at)))
    return { event: 'in-flight', input, at: event.at };
  if (event.event === 'done' && typeof event.transcriptSid === 'string' && (event.outcome === 'created' || event.outcome === 'exists'))
    return { event: 'done', input, transcriptSid: event.transcriptSid, outcome: event.outcome };
  if (event.event === 'released') return { event: 'released', input };
  return undefined;
}

function apply(event: JournalEvent, done: Map<string, DoneItem>, inFlight: Map<string, Date>): void {
  inFlight.delete(event.input);
  if (event.event === 'in-flight' && !done.has(event.input)) inFlight.set(event.input, new Date(event.at));
  if (event.event === 'done') done.set(event.input, { transcriptSid: event.transcriptSid, outcome: event.outcome });
}

function compacted(done: ReadonlyMap<string, DoneItem>, inFlight: ReadonlyMap<string, Date>): string {
  const lines = [`${HEADER}\n`];
  for (const [input, item] of done) lines.push(lineOf({ event: 'done', input, ...item }));
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
  const { pid, host } = (parseOrUndefined(text) ?? {}) as { pid?: unknown; host?: unknown };
  return Number.isInteger(pid) && typeof host === 'string' ? { pid: Number(pid), host } : undefined;
}
