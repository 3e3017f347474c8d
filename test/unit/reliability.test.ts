import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/commands/transcribe/progress.js';
import { seededRandom } from '../../src/emulator/index.js';
import { buildIO } from '../../src/lib/make-context.js';
import { fakeProcess } from '../support/fake-process.js';
import { parseBulkInput } from '../../src/lib/bulk-input.js';
import { parseApiUrl } from '../../src/lib/client.js';
import { UsageError } from '../../src/lib/errors.js';
import { DEFAULT_RETRY_POLICY, isUncertainFailure, retryDelayMs, retryReason } from '../../src/lib/retry.js';
import { findSecrets, secretForms, TEST_AUTH_TOKEN } from '../support/secrets.js';
import { tempDir } from '../support/temp.js';

const RE = (n: number) => `RE${n.toString(16).padStart(32, '0')}`;

describe('retry policy', () => {
  it('retries 429 for every method, 5xx and lost connections only when re-sending cannot duplicate', () => {
    expect(retryReason('POST', { status: 429 })).toMatch(/429/);
    expect(retryReason('GET', { status: 503 })).toMatch(/503/);
    expect(retryReason('DELETE', { errorCode: 'ECONNRESET' })).toMatch(/ECONNRESET/);
    expect(retryReason('POST', { status: 500 })).toBeUndefined();
    expect(retryReason('POST', { errorCode: 'ECONNRESET' })).toBeUndefined();
    expect(retryReason('POST', { errorCode: 'ECONNREFUSED' })).toMatch(/ECONNREFUSED/); // never reached the server
    expect(retryReason('GET', { status: 404 })).toBeUndefined();
  });

  it('calls a create uncertain after a 5xx or a reset, never after a refused connection', () => {
    expect(isUncertainFailure('POST', { status: 502 })).toBe(true);
    expect(isUncertainFailure('POST', { errorCode: 'ETIMEDOUT' })).toBe(true);
    expect(isUncertainFailure('POST', { errorCode: 'ECONNREFUSED' })).toBe(false);
    expect(isUncertainFailure('GET', { errorCode: 'ECONNRESET' })).toBe(false);
  });

  it('backs off exponentially with full jitter, capped, and honours Retry-After', () => {
    expect(retryDelayMs(0, DEFAULT_RETRY_POLICY, undefined, () => 0.999)).toBe(249);
    expect(retryDelayMs(3, DEFAULT_RETRY_POLICY, undefined, () => 0.5)).toBe(1000);
    expect(retryDelayMs(20, DEFAULT_RETRY_POLICY, undefined, () => 0.999)).toBeLessThan(DEFAULT_RETRY_POLICY.maxDelayMs);
    expect(retryDelayMs(0, DEFAULT_RETRY_POLICY, undefined, () => 0)).toBe(0);
    expect(retryDelayMs(0, DEFAULT_RETRY_POLICY, '2')).toBe(2000);
    expect(retryDelayMs(0, DEFAULT_RETRY_POLICY, '3600')).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, 'soon', () => 0.5)).toBe(250);
  });
});

describe('--api-url', () => {
  it('refuses plain http to anything but loopback unless allowed', () => {
    expect(() => parseApiUrl('http://api.example.com')).toThrow(UsageError);
    expect(() => parseApiUrl('http://api.example.com')).toThrow(/plain http to api\.example\.com/);
    expect(parseApiUrl('http://api.example.com', true).host).toBe('api.example.com');
    expect(parseApiUrl('http://127.0.0.1:4010').port).toBe('4010');
    expect(parseApiUrl('http://[::1]:4010').hostname).toBe('[::1]');
    expect(parseApiUrl('https://intelligence.example.com').protocol).toBe('https:');
    expect(() => parseApiUrl('ftp://127.0.0.1')).toThrow(/only http and https/);
  });
});

describe('fault dice', () => {
  it('repeat under the same seed and differ under another', () => {
    const roll = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(roll(7)).toEqual(roll(7));
    expect(roll(7)).not.toEqual(roll(8));
    expect(roll(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('bulk input', () => {
  it('reads SIDs and URLs with optional customer keys, skipping blanks and comments, with line numbers', () => {
    const { items, invalid } = parseBulkInput(`# calls\n${RE(1)}\n\n${RE(2)}, key-2\r\nhttps://example.com/a.json,k\n`);
    expect(invalid).toEqual([]);
    expect(items).toEqual([
      { line: 2, input: RE(1), source: { recordingSid: RE(1) } },
      { line: 4, input: RE(2), source: { recordingSid: RE(2) }, customerKey: 'key-2' },
      { line: 5, input: 'https://example.com/a.json', source: { mediaUrl: 'https://example.com/a.json' }, customerKey: 'k' },
    ]);
  });

  it('reports every malformed line with its number and reason', () => {
    const { items, invalid } = parseBulkInput(`RE123\n${RE(1)}\nftp://x\n${RE(1)}\n${RE(3)},\n${RE(4)},${'k'.repeat(65)}\nhello`);
    expect(items.map((item) => item.line)).toEqual([2]);
    expect(invalid).toEqual([
      { line: 1, reason: expect.stringMatching(/"RE123" is not a valid recording SID/) as unknown },
      { line: 3, reason: expect.stringMatching(/neither a recording SID/) as unknown },
      { line: 4, reason: 'repeats line 2' },
      { line: 5, reason: 'empty customer key after the comma' },
      { line: 6, reason: 'customer key longer than 64 characters' },
      { line: 7, reason: expect.stringMatching(/"hello" is neither/) as unknown },
    ]);
  });
});

describe('the secret scan', () => {
  it('finds a test secret, raw or inside a Basic header, in any captured stream', () => {
    const dir = tempDir('ci-scan-');
    const forms = secretForms('AC1', 'SK1');
    writeFileSync(join(dir, 'clean.log'), 'ci: Authenticate (Twilio error 20003)\n');
    expect(findSecrets(dir, forms)).toEqual([]);
    writeFileSync(
      join(dir, 'leak.log'),
      `Authorization: Basic ${Buffer.from(`AC1:${TEST_AUTH_TOKEN}`).toString('base64')}\n${TEST_AUTH_TOKEN}\n`,
    );
    expect(findSecrets(dir, forms)).toHaveLength(2);
  });
});

describe('the bulk progress bar', () => {
  const ioOf = (tty: boolean) => {
    const proc = fakeProcess({ tty });
    return { proc, io: buildIO(proc, []) };
  };

  it('redraws one stderr line with counts, rate and ETA on a terminal, and clears it at the end', () => {
    const { proc, io } = ioOf(true);
    const bar = new ProgressBar(io, 4);
    bar.update({ created: 1, exists: 1, failed: 1 }, true);
    expect(proc.err()).toMatch(/^\r\x1b\[2K█{18}░{6} 3\/4 · created 1 · exists 1 · failed 1 · [\d.]+\/s · ETA \d+s$/);
    bar.stop();
    expect(proc.err().endsWith('\r\x1b[2K')).toBe(true);
    expect(proc.out()).toBe('');
  });

  it('stays silent when stderr is not a terminal', () => {
    const { proc, io } = ioOf(false);
    const bar = new ProgressBar(io, 4);
    bar.update({ created: 4, exists: 0, failed: 0 }, true);
    bar.stop();
    expect(proc.err()).toBe('');
  });
});
