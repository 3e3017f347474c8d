import { describe, expect, it } from 'vitest';
import { dateJson } from '../../src/lib/output/date-json.js';

describe('dateJson', () => {
  it('writes a date exactly as JSON.stringify does, across years, months, hours and milliseconds', () => {
    const dates = [
      new Date('2026-01-02T03:04:05Z'),
      new Date('2026-12-31T23:59:59.999Z'),
      new Date('1999-10-10T10:10:10.010Z'),
      new Date('1000-01-01T00:00:00.000Z'),
      new Date('9999-12-31T23:59:59.999Z'),
      new Date('0999-12-31T23:59:59.999Z'),
      new Date(Date.UTC(10000, 0, 1)),
      new Date(-1),
      new Date(0),
    ];
    for (let ms = 0; ms < 4e12; ms += 9_876_543_211) dates.push(new Date(ms));
    for (const date of dates) expect(`"${dateJson(date)}"`).toBe(JSON.stringify(date));
  });

  it('is null for an invalid date, as JSON writes it', () => {
    expect(dateJson(new Date('not a date'))).toBeNull();
    expect(JSON.stringify(new Date('not a date'))).toBe('null');
  });
});
