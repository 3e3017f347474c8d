import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFiles, FILE_LIMITS, type Line } from '../../src/lib/adapters/files.js';
import { tempDir } from '../support/temp.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('ci-files-');
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  writeFileSync(join(dir, 'small.txt'), 'hello\n');
  writeFileSync(join(dir, 'lines.txt'), 'one\r\ntwo\n\nthree');
  mkdirSync(join(dir, 'inner'));
  writeFileSync(join(dir, 'inner', 'ok.txt'), 'ok');
  symlinkSync(join(dir, 'small.txt'), join(dir, 'inner', 'out.txt'));
  symlinkSync(join(dir, 'inner', 'ok.txt'), join(dir, 'inner', 'in.txt'));
});

const files = (stdin = new PassThrough(), signal = new AbortController().signal) => createFiles(stdin, signal);
const options = { limit: 16, what: '--thing' };

async function lines(source: AsyncIterable<Line>): Promise<Line[]> {
  const all: Line[] = [];
  for await (const line of source) all.push(line);
  return all;
}

describe('readText', () => {
  it('reads a regular file within its limit', async () => {
    expect(await files().readText(join(dir, 'small.txt'), options)).toBe('hello\n');
  });

  it('refuses what is not a regular file, and what is too big, from its metadata', async () => {
    const read = (path: string, limit = 16) => files().readText(path, { limit, what: '--thing' });
    await expect(read(join(dir, 'fifo'))).rejects.toThrow(/^--thing \S+fifo: is a named pipe \(FIFO\), not a regular file$/);
    await expect(read('/dev/zero')).rejects.toThrow('--thing /dev/zero: is a device, not a regular file');
    await expect(read(dir)).rejects.toThrow(/: is a directory$/);
    await expect(read(join(dir, 'nope'))).rejects.toThrow(/: no such file$/);
    await expect(read(join(dir, 'small.txt'), 3)).rejects.toThrow(/: larger than 3 bytes$/);
    expect(FILE_LIMITS.operatorPart).toBe(1024 * 1024);
  });

  it('reads stdin for "-", cut off at the limit', async () => {
    const stdin = new PassThrough();
    stdin.end('x'.repeat(17));
    await expect(files(stdin).readText('-', options)).rejects.toThrow('--thing stdin: larger than 16 bytes');
  });

  it('stops reading when the signal aborts', async () => {
    const stdin = new PassThrough();
    const controller = new AbortController();
    const reading = files(stdin, controller.signal).readText('-', { limit: 1024, what: '-' });
    stdin.write('a');
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    stdin.write('b');
    await expect(reading).rejects.toThrow('interrupted');
  });
});

describe('readLines', () => {
  it('streams lines, numbered from 1, without their line ends', async () => {
    expect(await lines(files().readLines(join(dir, 'lines.txt'), options))).toEqual([
      { number: 1, text: 'one' },
      { number: 2, text: 'two' },
      { number: 3, text: '' },
      { number: 4, text: 'three' },
    ]);
  });

  it('refuses a line over the limit, also one that never ends', async () => {
    const stdin = new PassThrough();
    stdin.write('short\n');
    stdin.write('y'.repeat(100));
    const reading = lines(files(stdin).readLines('-', { limit: 8, what: '--from-file' }));
    await expect(reading).rejects.toThrow('--from-file stdin: line 2 is longer than 8 bytes');
    await expect(lines(files().readLines('/dev/zero', options))).rejects.toThrow(/is a device/);
  });
});

describe('resolveInside', () => {
  it('keeps references inside the base directory, following symlinks', async () => {
    const inner = join(dir, 'inner');
    expect(await files().resolveInside(inner, 'ok.txt')).toEqual({ path: join(inner, 'ok.txt') });
    expect(await files().resolveInside(inner, 'in.txt')).toEqual({ path: join(inner, 'in.txt') });
    expect(await files().resolveInside(inner, 'missing.txt')).toEqual({ path: join(inner, 'missing.txt') });
    expect(await files().resolveInside(inner, '../small.txt')).toEqual({ outside: `it leads outside ${inner}` });
    expect(await files().resolveInside(inner, '/etc/passwd')).toEqual({ outside: 'an absolute path' });
    expect(await files().resolveInside(inner, 'out.txt')).toEqual({ outside: `a symbolic link leading outside ${inner}` });
  });
});
