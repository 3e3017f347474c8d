// Collects every stream the suite's spawned `ci` runs print, and fails the run if a test secret appears in any.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ACCOUNT_SID, DEFAULT_API_KEY_SID } from '../../src/emulator/index.js';
import { findSecrets, secretForms, STREAM_LOG_ENV } from './secrets.js';

export function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ci-test-streams-'));
  process.env[STREAM_LOG_ENV] = dir; // inherited by the test workers, read by runCi
  return () => {
    const hits = findSecrets(dir, secretForms(DEFAULT_ACCOUNT_SID, DEFAULT_API_KEY_SID));
    const scanned = readdirSync(dir).length;
    if (hits.length) {
      process.exitCode = 1; // vitest reports a teardown error but would still exit 0
      throw new Error(`secrets leaked into CLI output (${scanned} worker logs scanned, kept in ${dir}):\n${hits.join('\n')}`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
