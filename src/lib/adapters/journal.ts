// The file IO behind a bulk run's --state journal and its lock: the only place src/lib touches those files.
import { writeSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { codeOf } from '../thrown.js';

/** An open journal: appends go to the end; `sync` makes them durable (fdatasync) before resolving. */
export interface Appender {
  write(text: string, sync: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface JournalFiles {
  readonly pid: number;
  readonly host: string;
  /** The file's text, or undefined when there is none; anything but a regular file is refused. */
  read(path: string): Promise<string | undefined>;
  /** Replaces the file whole and durably: a temporary file, fsync, rename over, fsync of the directory. */
  replace(path: string, text: string): Promise<void>;
  openAppend(path: string): Promise<Appender>;
  /** Creates the file holding `text` unless it exists; false if it does. It never exists half-written. */
  createExclusive(path: string, text: string): Promise<boolean>;
  /** Removes the file if it still holds `text` (a lock another process has just taken is put back). */
  removeIfUnchanged(path: string, text: string): Promise<void>;
  processAlive(pid: number): boolean;
}

async function read(path: string): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a regular file');
    return await readFile(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/** Writes a file next to `path` (fsync'd), for a rename or link onto it. */
async function writeTemporary(path: string, text: string, purpose: string): Promise<string> {
  const temporary = `${path}.${process.pid}.${purpose}`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

async function replace(path: string, text: string): Promise<void> {
  const temporary = await writeTemporary(path, text, 'tmp');
  await rename(temporary, path);
  await syncDirectory(path);
}

/**
 * Appends go to the page cache with write(2) on the spot: a few microseconds, where a write through the thread
 * pool costs about 100 µs of CPU each (a bulk run appends thousands of times). Only the fdatasync waits for the
 * disk, so only it goes through the thread pool.
 */
async function openAppend(path: string): Promise<Appender> {
  const handle: FileHandle = await open(path, 'a');
  return {
    async write(text, sync) {
      const bytes = Buffer.from(text);
      for (let written = 0; written < bytes.length;) written += writeSync(handle.fd, bytes, written);
      if (sync) await handle.datasync();
    },
    close: () => handle.close(),
  };
}

async function createExclusive(path: string, text: string): Promise<boolean> {
  const temporary = await writeTemporary(path, text, 'new');
  try {
    await link(temporary, path); // atomic, and fails if the file exists
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}

async function removeIfUnchanged(path: string, text: string): Promise<void> {
  const taken = `${path}.${process.pid}.old`;
  try {
    await rename(path, taken);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  if ((await readFile(taken, 'utf8')) !== text) await link(taken, path).catch(() => undefined); // someone else's: put it back
  await unlink(taken);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM'; // alive, but not ours to signal
  }
}

export const fileJournal: JournalFiles = {
  pid: process.pid,
  host: hostname(),
  read,
  replace,
  openAppend,
  createExclusive,
  removeIfUnchanged,
  processAlive,
};
