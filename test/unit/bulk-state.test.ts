// The bulk --state journal: append-only, compacted on open, group-committed, crash-safe, locked.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileJournal, type Appender, type JournalFiles } from '../../src/lib/adapters/journal.js';
import { BulkState } from '../../src/lib/bulk-state.js';
import { UsageError } from '../../src/lib/errors.js';
import { tempDir } from '../support/temp.js';

const RE = (n: number) => `RE${String(n).padStart(32, '0')}`;
const GT = (n: number) => `GT${String(n).padStart(32, '0')}`;
const now = () => new Date('2026-12-01T10:00:00.000Z');
const HEADER = '{"ci":"bulk-state","version":2}';

function stateFile(text?: string): string {
  const file = join(tempDir('ci-bulk-state-'), 'run.state');
  if (text !== undefined) writeFileSync(file, text);
  return file;
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('the bulk state journal', () => {
  it('appends one line per event and is compacted to what is still true on the next open', async () => {
    const file = stateFile();
    const state = await BulkState.open(file, fileJournal, now);
    await state.markInFlight([RE(1), RE(2), RE(3)]);
    state.recordDone(RE(1), { transcriptSid: GT(1), outcome: 'created' });
    state.release([RE(3)]);
    await state.close();
    expect(lines(file)).toEqual([
      HEADER,
      `{"event":"in-flight","input":"${RE(1)}","at":"2026-12-01T10:00:00.000Z"}`,
      `{"event":"in-flight","input":"${RE(2)}","at":"2026-12-01T10:00:00.000Z"}`,
      `{"event":"in-flight","input":"${RE(3)}","at":"2026-12-01T10:00:00.000Z"}`,
      `{"event":"done","input":"${RE(1)}","transcriptSid":"${GT(1)}","outcome":"created"}`,
      `{"event":"released","input":"${RE(3)}"}`,
    ]);
    const reopened = await BulkState.open(file, fileJournal, now);
    expect([...reopened.done]).toEqual([[RE(1), { transcriptSid: GT(1), outcome: 'created' }]]);
    expect([...reopened.inFlight]).toEqual([[RE(2), new Date('2026-12-01T10:00:00.000Z')]]);
    await reopened.close();
    expect(lines(file)).toEqual([
      HEADER,
      `{"event":"done","input":"${RE(1)}","transcriptSid":"${GT(1)}","outcome":"created"}`,
      `{"event":"in-flight","input":"${RE(2)}","at":"2026-12-01T10:00:00.000Z"}`,
    ]);
  });

  it('ignores a torn last line (a crash mid-append) and reads a version 1 checkpoint', async () => {
    const torn = stateFile(
      `${HEADER}\n{"event":"done","input":"${RE(1)}","transcriptSid":"${GT(1)}","outcome":"created"}\n{"event":"in-fl`,
    );
    const state = await BulkState.open(torn, fileJournal, now);
    expect([...state.done.keys()]).toEqual([RE(1)]);
    await state.close();
    const old = stateFile(`${JSON.stringify({ version: 1, done: { [RE(2)]: { transcriptSid: GT(2), outcome: 'exists' } } })}\n`);
    const imported = await BulkState.open(old, fileJournal, now);
    expect([...imported.done]).toEqual([[RE(2), { transcriptSid: GT(2), outcome: 'exists' }]]);
    await imported.close();
  });

  it('refuses a corrupt file or one that is not a state file, and leaves it as it was', async () => {
    const corrupt = stateFile(`${HEADER}\nnot json\n{"event":"released","input":"x"}\n`);
    await expect(BulkState.open(corrupt, fileJournal, now)).rejects.toThrow(
      new UsageError(`the state file ${corrupt} is not valid JSON (line 2); fix it or move it away`),
    );
    expect(readFileSync(corrupt, 'utf8')).toBe(`${HEADER}\nnot json\n{"event":"released","input":"x"}\n`);
    const foreign = stateFile('{"name":"my-package"}\n');
    await expect(BulkState.open(foreign, fileJournal, now)).rejects.toThrow(
      `the state file ${foreign} is not valid (line 1: not a ci bulk state file); fix it or move it away`,
    );
    expect(existsSync(`${foreign}.lock`)).toBe(false);
  });

  it('commits intents in groups: calls made while a write is under way share the next write', async () => {
    const writes: string[] = [];
    let release: () => void = () => {};
    const files = memoryFiles({
      write(text) {
        writes.push(text);
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    const state = await BulkState.open('run.state', files, now);
    const first = state.markInFlight([RE(1)]);
    await Promise.resolve();
    const others = [2, 3, 4, 5].map((n) => state.markInFlight([RE(n)]));
    state.recordDone(RE(1), { transcriptSid: GT(1), outcome: 'created' }); // rides along, nobody waits for it
    await settle();
    expect(writes).toHaveLength(1);
    release();
    await first;
    await settle();
    expect(writes).toHaveLength(2);
    expect(writes[1]?.split('\n').filter(Boolean)).toHaveLength(5);
    release();
    await Promise.all(others);
  });

  it('a failed write rejects the intents waiting for it, and stops the journal (no torn line in the middle)', async () => {
    let calls = 0;
    const files = memoryFiles({
      write() {
        if (++calls === 2) return Promise.reject(Object.assign(new Error('EFBIG: file too large'), { code: 'EFBIG' }));
        return Promise.resolve();
      },
    });
    const state = await BulkState.open('run.state', files, now);
    await state.markInFlight([RE(1)]);
    await expect(state.markInFlight([RE(2)])).rejects.toThrow('EFBIG');
    state.recordDone(RE(1), { transcriptSid: GT(1), outcome: 'created' });
    await expect(state.markInFlight([RE(3)])).rejects.toThrow('EFBIG');
    await expect(state.flush()).rejects.toThrow('EFBIG');
    expect(calls).toBe(2);
    await state.close();
  });

  it('locks the file for the run: a second open is refused naming the holder; a stale lock is taken over', async () => {
    const file = stateFile();
    const state = await BulkState.open(file, fileJournal, now);
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(BulkState.open(file, fileJournal, now)).rejects.toThrow(
      `the state file ${file} is in use by another run (pid ${process.pid} on ${hostname()}; lock file ${file}.lock)`,
    );
    await state.close();
    expect(existsSync(`${file}.lock`)).toBe(false);

    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: gone, host: hostname(), since: now().toISOString() }));
    const taken = await BulkState.open(file, fileJournal, now);
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    await taken.close();

    writeFileSync(`${file}.lock`, JSON.stringify({ pid: gone, host: 'elsewhere', since: now().toISOString() }));
    await expect(BulkState.open(file, fileJournal, now)).rejects.toThrow(`in use by another run (pid ${gone} on elsewhere;`);
  });
});

/** Lets queued microtasks and the writer's next step run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** JournalFiles in memory, with the appender's write supplied by the test. */
function memoryFiles(appender: Pick<Appender, 'write'>): JournalFiles {
  const texts = new Map<string, string>();
  return {
    pid: 1,
    host: 'here',
    read: (path) => Promise.resolve(texts.get(path)),
    replace: (path, text) => Promise.resolve(void texts.set(path, text)),
    openAppend: () => Promise.resolve({ write: (text, sync) => appender.write(text, sync), close: () => Promise.resolve() }),
    createExclusive: (path, text) => Promise.resolve(!texts.has(path) && Boolean(texts.set(path, text))),
    removeIfUnchanged: (path) => Promise.resolve(void texts.delete(path)),
    processAlive: () => true,
  };
}
