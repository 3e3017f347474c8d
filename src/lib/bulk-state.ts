// The --state checkpoint of a bulk run: which inputs are done, written atomically as items finish.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { UsageError } from './errors.js';

export interface DoneItem {
  transcriptSid: string;
  outcome: 'created' | 'exists';
}

interface StateFileBody {
  version: 1;
  done: Record<string, DoneItem>;
}

/** Items that ended created/exists, keyed by input; failed items are not recorded, so a rerun retries them. */
export class BulkState {
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    private readonly file: string | undefined,
    readonly done: Map<string, DoneItem>,
  ) {}

  /** Loads the checkpoint, or starts empty when the file does not exist yet (or no file is used). */
  static async open(file: string | undefined): Promise<BulkState> {
    if (!file) return new BulkState(undefined, new Map());
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new BulkState(file, new Map());
      throw new UsageError(`--state ${file}: ${(error as Error).message}`);
    }
    let body: StateFileBody;
    try {
      body = JSON.parse(text) as StateFileBody;
    } catch {
      throw new UsageError(`--state ${file} is not a ci state file (not JSON)`, { hint: 'delete it to start over' });
    }
    if (body?.version !== 1 || typeof body.done !== 'object' || body.done === null) {
      throw new UsageError(`--state ${file} is not a ci state file`, { hint: 'delete it to start over' });
    }
    return new BulkState(file, new Map(Object.entries(body.done)));
  }

  record(input: string, item: DoneItem): Promise<void> {
    this.done.set(input, item);
    return this.flush();
  }

  /** Writes at most one file at a time; changes made while writing go out in the next write. */
  flush(): Promise<void> {
    if (!this.file) return Promise.resolve();
    this.dirty = true;
    this.writing = this.writing.then(() => (this.dirty ? this.write() : undefined));
    return this.writing;
  }

  private async write(): Promise<void> {
    this.dirty = false;
    const body: StateFileBody = { version: 1, done: Object.fromEntries(this.done) };
    const temporary = `${this.file}.${process.pid}.tmp`;
    // tmp + rename: a crash mid-write leaves the previous checkpoint, never half a file.
    await writeFile(temporary, `${JSON.stringify(body)}\n`);
    await rename(temporary, this.file!);
  }
}
