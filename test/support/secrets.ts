// The secrets the test emulator accepts, and a scan of every captured CLI stream for them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Distinctive values, so a hit in a captured stream can only be a leak. */
export const TEST_AUTH_TOKEN = 'tok3n-SECRET-4b1d9e7c2a';
export const TEST_API_KEY_SECRET = 'k3y-SECRET-93e8f0a1c5';
/** Where runCi appends each run's streams; set by test/support/global-setup.ts. */
export const STREAM_LOG_ENV = 'CI_TEST_STREAM_LOG';

/** The secrets and the forms they would leak in: raw, and inside a Basic Authorization header. */
export function secretForms(accountSid: string, apiKeySid: string): string[] {
  const basic = (user: string, secret: string) => Buffer.from(`${user}:${secret}`).toString('base64');
  return [TEST_AUTH_TOKEN, TEST_API_KEY_SECRET, basic(accountSid, TEST_AUTH_TOKEN), basic(apiKeySid, TEST_API_KEY_SECRET)];
}

/** Every "file: secret" found in the logs under `dir`. */
export function findSecrets(dir: string, secrets: string[]): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const secret of secrets) if (text.includes(secret)) hits.push(`${name}: ${secret}`);
  }
  return hits;
}
