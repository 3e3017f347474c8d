// The --state file on disk: its format, atomic writes, and the lock that keeps a second emulator off it.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { codeOf, messageOf } from './thrown.js';

const STATE_FORMAT = 'ci-emulator-state/1';

export interface CollectionState {
  nextSeq: number;
  entries: Array<{ seq: number; value: { sid: string } }>;
}

interface StateFileContents {
  format: typeof STATE_FORMAT;
  collections: Record<string, CollectionState>;
}

/** The state file cannot be used: in use by another emulator, or not a state file. */
export class StateFileError extends Error {}

export function formatState(collections: Record<string, CollectionState>): string {
  const contents: StateFileContents = { format: STATE_FORMAT, collections };
  return JSON.stringify(contents);
}

/** The collections saved in `file`; none when it does not exist yet. */
export function readStateFile(file: string): Record<string, CollectionState> {
  if (!existsSync(file)) return {};
  let contents: Partial<StateFileContents> | null;
  try {
    contents = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateFileContents> | null;
  } catch (error) {
    throw new StateFileError(`the state file ${file} is not valid JSON (${messageOf(error)}); fix it or move it away`);
  }
  if (
    typeof contents !== 'object' ||
    contents === null ||
    contents.format !== STATE_FORMAT ||
    typeof contents.collections !== 'object' ||
    !contents.collections
  ) {
    throw new StateFileError(`${file} is not an emulator state file (expected format ${STATE_FORMAT})`);
  }
  return contents.collections;
}

/** Tmp file + rename, so a crash never leaves half a file; the tmp file is removed if the write fails. */
export async function writeStateFile(file: string, contents: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, contents);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true, recursive: false }).catch(() => undefined);
    throw error;
  }
}

export interface StateLock {
  release(): void;
}

interface LockHolder {
  pid: number;
  host: string;
}

/**
 * `<file>.lock` holds the pid and host of the emulator using the state file. A lock left by a
 * process that no longer runs on this host is taken over; any other lock refuses the start.
 */
export function acquireStateLock(file: string): StateLock {
  const lockFile = `${file}.lock`;
  const mine: LockHolder = { pid: process.pid, host: hostname() };
  const text = JSON.stringify(mine);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lockFile, text, { flag: 'wx' });
      break;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
      const holder = readHolder(lockFile);
      if (attempt > 0 || !holder || holder.host !== mine.host || isRunning(holder.pid)) {
        const who = holder ? `pid ${holder.pid} on ${holder.host}` : `see ${lockFile}`;
        throw new StateFileError(`the state file ${file} is in use by another emulator (${who}); stop it or use another state file`);
      }
      unlinkSync(lockFile); // stale: its emulator is gone
    }
  }
  return {
    release() {
      // Only our own lock: never remove one another emulator took over meanwhile.
      if (readHolderText(lockFile) === text) unlinkSync(lockFile);
    },
  };
}

function readHolderText(lockFile: string): string | undefined {
  try {
    return readFileSync(lockFile, 'utf8');
  } catch {
    return undefined;
  }
}

function readHolder(lockFile: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readHolderText(lockFile) ?? '') as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? { pid: holder.pid, host: holder.host } : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}
