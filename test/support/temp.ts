// Temporary directories that are removed when the test file ends (per-file.ts calls removeTempDirs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** Removes every directory tempDir made; run after each test file (test/support/per-file.ts). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A new empty directory under the system's temp dir, removed after the file's tests. */
export function tempDir(prefix = 'ci-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
