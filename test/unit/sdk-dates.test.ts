import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createTwilioClient } from '../../src/lib/client.js';
import { withUtcShortcut } from '../../src/lib/sdk-dates.js';

const deserialize = createRequire(import.meta.url)('twilio/lib/base/deserialize.js') as {
  iso8601DateTime: (s: unknown) => unknown;
  iso8601Date: (s: unknown) => unknown;
};
/** The SDK's own parse: iso8601Date runs the same dayjs code, and is left alone. */
const sdkParse = (s: unknown) => deserialize.iso8601Date(s);

describe("the SDK's date parsing with the UTC shortcut", () => {
  const samples = [
    '2026-12-01T19:32:45Z',
    '2026-12-01T19:32:45.123Z',
    '2026-12-01T19:32:45.123456Z',
    '2026-12-01t19:32:45z',
    '1969-07-20T20:17:40Z',
    '+012026-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    'not a date Z',
    'Z',
    '2026-12-01T19:32:45+02:00',
    '2026-12-01T19:32:45',
    '2026-12-01',
    'Tue, 01 Dec 2026 19:32:45 +0000',
    '',
    'garbage',
  ];

  it('gives what dayjs gives, for UTC text and for anything else', () => {
    const fast = withUtcShortcut(sdkParse as (s: string) => string | Date);
    for (const sample of samples) {
      const [ours, theirs] = [fast(sample), sdkParse(sample)];
      expect({ sample, value: ours instanceof Date ? ours.getTime() : ours }).toEqual({
        sample,
        value: theirs instanceof Date ? theirs.getTime() : theirs,
      });
    }
  });

  it("is what the SDK's instances use once ci has made a client, put in place once", async () => {
    const credentials = { accountSid: `AC${'0'.repeat(32)}`, username: 'u', password: 'p', source: 'the test' };
    await createTwilioClient(credentials, { env: {} });
    const inPlace = deserialize.iso8601DateTime;
    expect(inPlace).not.toBe(deserialize.iso8601Date);
    expect(inPlace('2026-12-01T19:32:45Z')).toEqual(new Date('2026-12-01T19:32:45Z'));
    expect(inPlace('2026-12-01T19:32:45+02:00')).toEqual(sdkParse('2026-12-01T19:32:45+02:00'));
    await createTwilioClient(credentials, { env: {} });
    expect(deserialize.iso8601DateTime).toBe(inPlace);
  });
});
