import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/lib/client.js';
import { checkRetries, MAX_RETRIES } from '../../src/lib/retry.js';
import { formatDuration, MAX_TIMER_MS, MIN_INTERVAL_MS, parseDuration } from '../../src/lib/time.js';

describe('parseDuration', () => {
  it('reads units, and a bare number as seconds', () => {
    expect(['500ms', '30s', '2m', '1h', '1.5', '90'].map((value) => parseDuration(value, '--x'))).toEqual([
      500, 30_000, 120_000, 3_600_000, 1500, 90_000,
    ]);
  });

  it('refuses what Node.js timers cannot hold, and what is below a minimum', () => {
    expect(parseDuration(`${MAX_TIMER_MS}ms`, '--x')).toBe(MAX_TIMER_MS);
    expect(() => parseDuration(`${MAX_TIMER_MS + 1}ms`, '--timeout')).toThrow(
      /--timeout must be at most 596h, the longest timer Node\.js holds/,
    );
    expect(() => parseDuration('99999999999999999999', '--timeout')).toThrow(/at most 596h/);
    expect(() => parseDuration('50ms', '--interval', { min: MIN_INTERVAL_MS })).toThrow(/--interval must be at least 100ms \(got "50ms"\)/);
    expect(() => parseDuration('2m', '--x', { max: 60_000 })).toThrow(/--x must be at most 1m \(got "2m"\)$/);
    expect(() => parseDuration('-1s', '--x')).toThrow(/must be a duration/);
  });

  it('spells durations back the way a user writes them', () => {
    expect([500, 2000, 90_000, 120_000, 3_600_000, MAX_TIMER_MS].map(formatDuration)).toEqual(['500ms', '2s', '90s', '2m', '1h', '596h']);
  });
});

describe('checkRetries', () => {
  it(`accepts 0 to ${MAX_RETRIES}`, () => {
    expect(checkRetries(0, '--max-retries')).toBe(0);
    expect(checkRetries(MAX_RETRIES, '--max-retries')).toBe(MAX_RETRIES);
    expect(() => checkRetries(MAX_RETRIES + 1, '--max-retries')).toThrow(/--max-retries must be at most 20 \(got 21\)/);
    expect(() => checkRetries(-1, 'the retries of profile "x"')).toThrow(/profile "x" must be a whole number/);
  });
});

describe('redactUrl', () => {
  it('hides secret-looking query parameters and credentials in the URL, keeps the rest', () => {
    const shown = redactUrl(
      'https://u:p@example.com/v2/Services?token=abc&Signature=s1&password=pw&client_secret=cs&api_key=k&key=k2&PageSize=50&PageToken=PT1&CustomerKey=ck',
    );
    expect(shown).not.toMatch(/abc|s1|=pw|=cs|=k&|k2|u:p/);
    expect(new URL(shown).searchParams.get('PageSize')).toBe('50');
    expect(new URL(shown).searchParams.get('PageToken')).toBe('PT1');
    expect(new URL(shown).searchParams.get('CustomerKey')).toBe('ck');
    expect(shown).toContain('?token=[redacted]&');
  });

  it('leaves a URL without secrets as it was', () => {
    expect(redactUrl('http://127.0.0.1:4010/v2/Services?PageSize=1000')).toBe('http://127.0.0.1:4010/v2/Services?PageSize=1000');
  });
});

describe('redactUrl inside parameters', () => {
  it('hides a token in a media URL carried in a JSON parameter', () => {
    expect(redactUrl(JSON.stringify({ media_properties: { media_url: 'https://m.example.com/a.wav?sig=1&token=abc' } }))).toBe(
      '{"media_properties":{"media_url":"https://m.example.com/a.wav?sig=1&token=[redacted]"}}',
    );
  });
});
