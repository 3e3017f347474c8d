// The files ci reads because a flag or a file names them: regular files only, a size limit per
// kind, read in bounded chunks that Ctrl-C can stop. A FIFO, a device, a directory or an oversize
// file is refused from its metadata, before a byte is read, so /dev/zero costs nothing.
import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, realpath, stat, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InterruptedError, UsageError } from '../errors.js';
import { codeOf, messageOf } from '../thrown.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** The documented limits (README, "Files ci reads"). */
export const FILE_LIMITS = {
  /** --schema, --examples, --prompt-file and the files an apply file names. */
  operatorPart: MiB,
  /** ci apply / ci diff -f. */
  applyFile: 4 * MiB,
  /** ci emulator start --recordings. */
  recordings: 64 * MiB,
  /** ci emulator start --state. */
  emulatorState: 256 * MiB,
  /** One line of ci transcribe --from-file. */
  bulkLine: 8 * KiB,
  /** A transcript or chat log for ci conversations ingest (also one line of its --from-file). */
  conversation: 4 * MiB,
} as const;

export interface ReadOptions {
  /** At most this many bytes. */
  limit: number;
  /** How messages name the input, e.g. "--schema" or "promptFile". */
  what: string;
}

export interface Line {
  /** 1-based. */
  number: number;
  text: string;
}

export interface Files {
  /** A regular file as UTF-8 text, or stdin for "-". */
  readText(path: string, options: ReadOptions): Promise<string>;
  /** The lines of a regular file, or of stdin for "-", without their line ends; a line over `limit` bytes is refused. */
  readLines(path: string, options: ReadOptions): AsyncIterable<Line>;
  /** Kind and size of what is at path (following symlinks), refused unless a regular file; undefined when nothing is there. */
  regularFileSize(path: string, options: ReadOptions): Promise<number | undefined>;
  /**
   * `reference`, named inside a file in `baseDir`, as an absolute path that stays inside baseDir
   * once symlinks are followed; undefined (with the reason) when it leads outside.
   */
  resolveInside(baseDir: string, reference: string): Promise<{ path: string } | { outside: string }>;
  /** The paths of the regular files directly in `path`, sorted by name; undefined when `path` is not a directory. */
  directoryFiles(path: string): Promise<string[] | undefined>;
}

const CHUNK = 64 * KiB;

export function describeSize(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${bytes} bytes`;
}

function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isFIFO()) return 'is a named pipe (FIFO), not a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device, not a regular file';
  if (stats.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

function reasonOf(error: unknown): string {
  const code = codeOf(error);
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return messageOf(error);
}

/** A file ci will not read, and why ("no such file", "is a device, not a regular file", …). */
export class FileRefusedError extends UsageError {
  constructor(
    readonly path: string,
    readonly reason: string,
    what: string,
  ) {
    super(`${what} ${path}: ${reason}`);
  }
}

const refused = (options: ReadOptions, path: string, reason: string) => new FileRefusedError(path, reason, options.what);
const tooLarge = (options: ReadOptions, path: string) => refused(options, path, `larger than ${describeSize(options.limit)}`);

function checkSignal(signal: AbortSignal): void {
  if (signal.aborted) throw new InterruptedError();
}

/** Refused unless a regular file within the limit. */
function checkRegular(stats: Stats, path: string, options: ReadOptions): void {
  const kind = kindOf(stats);
  if (kind) throw refused(options, path, kind);
  if (stats.size > options.limit) throw tooLarge(options, path);
}

/** Opened without blocking (a FIFO with no writer would block open itself), then checked by fstat. */
async function openRegular(path: string, options: ReadOptions): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw refused(options, path, reasonOf(error));
  }
  try {
    checkRegular(await handle.stat(), path, options);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Chunks of at most `limit` bytes in all: a file that grows while read is cut off by the same limit. */
async function* fileChunks(path: string, options: ReadOptions, signal: AbortSignal): AsyncGenerator<Buffer> {
  const handle = await openRegular(path, options);
  try {
    let total = 0;
    for (;;) {
      checkSignal(signal);
      const buffer = Buffer.alloc(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) return;
      total += bytesRead;
      if (total > options.limit) throw tooLarge(options, path);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

async function* stdinChunks(stdin: NodeJS.ReadableStream, options: ReadOptions, signal: AbortSignal): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of stdin) {
    checkSignal(signal);
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > options.limit) throw tooLarge(options, 'stdin');
    yield buffer;
  }
}

const withoutLineEnd = (line: Buffer) => line.toString('utf8').replace(/\r$/, '');

/** The lines of `source` without their line ends; a line over `options.limit` bytes is refused. */
async function* splitLines(source: AsyncIterable<Buffer>, name: string, options: ReadOptions): AsyncGenerator<Line> {
  let pending: Buffer = Buffer.alloc(0);
  let number = 0;
  const longLine = () => refused(options, name, `line ${number + 1} is longer than ${describeSize(options.limit)}`);
  for await (const chunk of source) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let end: number;
    while ((end = pending.indexOf(10)) >= 0) {
      if (end > options.limit) throw longLine();
      number++;
      yield { number, text: withoutLineEnd(pending.subarray(0, end)) };
      pending = pending.subarray(end + 1);
    }
    if (pending.length > options.limit) throw longLine();
  }
  if (pending.length) yield { number: number + 1, text: withoutLineEnd(pending) };
}

async function directoryFiles(path: string): Promise<string[] | undefined> {
  const isDirectory = await stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isDirectory) return undefined;
  const entries = await readdir(path, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(path, entry.name))
    .sort();
}

async function regularFileSize(path: string, options: ReadOptions): Promise<number | undefined> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw refused(options, path, reasonOf(error));
  }
  checkRegular(stats, path, options);
  return stats.size;
}

/** Whether `path` is strictly below `base` (both absolute). */
function isBelow(base: string, path: string): boolean {
  const rest = relative(base, path);
  return rest !== '' && !rest.startsWith(`..${sep}`) && rest !== '..' && !isAbsolute(rest);
}

async function resolveInside(baseDir: string, reference: string): Promise<{ path: string } | { outside: string }> {
  if (isAbsolute(reference)) return { outside: 'an absolute path' };
  const base = await realpath(baseDir);
  const path = resolve(base, reference);
  if (!isBelow(base, path)) return { outside: `it leads outside ${baseDir}` };
  let real: string;
  try {
    await lstat(path);
    real = await realpath(path);
  } catch {
    return { path }; // nothing there (yet): reading it reports the reason
  }
  return isBelow(base, real) ? { path } : { outside: `a symbolic link leading outside ${baseDir}` };
}

export function createFiles(stdin: NodeJS.ReadableStream, signal: AbortSignal): Files {
  const chunks = (path: string, options: ReadOptions) =>
    path === '-' ? stdinChunks(stdin, options, signal) : fileChunks(path, options, signal);
  return {
    async directoryFiles(path) {
      checkSignal(signal);
      return directoryFiles(path);
    },
    async readText(path, options) {
      const parts: Buffer[] = [];
      for await (const chunk of chunks(path, options)) parts.push(chunk);
      return Buffer.concat(parts).toString('utf8');
    },
    // No total limit: the file streams through; only one line is held at a time.
    readLines: (path, options) => splitLines(chunks(path, { ...options, limit: Infinity }), path === '-' ? 'stdin' : path, options),
    regularFileSize,
    resolveInside,
  };
}
