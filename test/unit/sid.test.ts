import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/lib/errors.js';
import { isSid, looksLikeSid, parseSid } from '../../src/lib/sid.js';

const HEX = '0123456789abcdefABCDEF0123456789';

describe('SIDs', () => {
  it('isSid: the prefix and exactly 32 hexadecimal characters', () => {
    expect(isSid(`GA${HEX}`, 'GA')).toBe(true);
    expect(isSid(`GT${HEX}`, 'GA')).toBe(false);
    expect(isSid(`GA${HEX}0`, 'GA')).toBe(false);
    expect(isSid(`GA${HEX.slice(1)}`, 'GA')).toBe(false);
    expect(isSid(`GA${HEX.slice(1)}g`, 'GA')).toBe(false);
    expect(isSid('ga' + HEX, 'GA')).toBe(false);
    expect(isSid('', 'GA')).toBe(false);
  });

  it('looksLikeSid: an attempt at a SID (prefix + hex), so a name lookup would be wrong', () => {
    expect(looksLikeSid('GA12ab', 'GA')).toBe(true);
    expect(looksLikeSid('GA', 'GA')).toBe(false);
    expect(looksLikeSid('GAmes', 'GA')).toBe(false);
    expect(looksLikeSid('my-service', 'GA')).toBe(false);
  });

  it('parseSid returns a valid SID and names the kind, the flag and the shape otherwise', () => {
    expect(parseSid(`LY${HEX}`, 'LY')).toBe(`LY${HEX}`);
    expect(() => parseSid('GA123', 'GA')).toThrow(UsageError);
    expect(() => parseSid('GA123', 'GA')).toThrow('"GA123" is not a valid service SID');
    expect(() => parseSid('RE1', 'RE', '--source-sid')).toThrow('--source-sid: "RE1" is not a valid recording SID');
    try {
      parseSid('AC1', 'AC');
    } catch (error) {
      expect(error).toMatchObject({ hint: 'an account SID is AC followed by 32 hexadecimal characters', exitCode: 2 });
    }
    expect.assertions(5);
  });
});
