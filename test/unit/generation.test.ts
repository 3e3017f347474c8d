import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/lib/errors.js';
import { generationOfId, requireV3, resolveGeneration } from '../../src/lib/generation.js';
import { parseCi } from '../support/cli.js';

const LY = 'LY0123456789abcdef0123456789abcdef';
const GT = 'GT0123456789abcdef0123456789abcdef';
const V3_OPERATOR = 'intelligence_operator_01hx0000000000000000000000';
const V3_CONVERSATION = 'conv_conversation_01hx0000000000000000000000';

describe('the generation rule', () => {
  it('reads the generation from an ID, and nothing from a name', () => {
    expect(generationOfId(LY)).toBe('classic');
    expect(generationOfId(GT)).toBe('classic');
    expect(generationOfId(V3_OPERATOR)).toBe('v3');
    expect(generationOfId(V3_CONVERSATION)).toBe('v3');
    expect(generationOfId('Call category')).toBeUndefined();
    expect(generationOfId('LYRICS')).toBeUndefined();
  });

  it('takes the ID first, then the flag, the environment, the profile, and classic last', async () => {
    const profile = () => Promise.resolve('v3' as const);
    expect(await resolveGeneration({ refs: [LY], env: 'v3', profile })).toBe('classic');
    expect(await resolveGeneration({ refs: [V3_OPERATOR] })).toBe('v3');
    expect(await resolveGeneration({ refs: ['Feedback'], flag: 'v3', env: 'classic' })).toBe('v3');
    expect(await resolveGeneration({ refs: ['Feedback'], env: 'V3', profile: () => Promise.resolve('classic' as const) })).toBe('v3');
    expect(await resolveGeneration({ refs: ['Feedback'], env: '', profile })).toBe('v3');
    expect(await resolveGeneration({ refs: ['Feedback'] })).toBe('classic');
    expect(await resolveGeneration({ profile: () => Promise.resolve(undefined) })).toBe('classic');
  });

  it('reads the profile only when nothing before it decides', async () => {
    let asked = 0;
    const profile = () => {
      asked += 1;
      return Promise.resolve('v3' as const);
    };
    await resolveGeneration({ refs: [LY], profile });
    await resolveGeneration({ flag: 'classic', profile });
    await resolveGeneration({ env: 'classic', profile });
    expect(asked).toBe(0);
  });

  it('refuses an ID that contradicts --generation, IDs of both generations, and an unknown TWILIO_CI_GENERATION', async () => {
    await expect(resolveGeneration({ refs: [LY], flag: 'v3' })).rejects.toThrow(
      `"${LY}" is a classic (v2) ID, but --generation v3 was given`,
    );
    await expect(resolveGeneration({ refs: [V3_OPERATOR], flag: 'classic' })).rejects.toBeInstanceOf(UsageError);
    await expect(resolveGeneration({ refs: [GT, V3_OPERATOR] })).rejects.toThrow('give IDs of one generation');
    await expect(resolveGeneration({ env: 'v4' })).rejects.toThrow('TWILIO_CI_GENERATION must be one of classic, v3 (got "v4")');
    // The environment is not an explicit choice on this command line: the ID wins over it.
    expect(await resolveGeneration({ refs: [V3_OPERATOR], env: 'classic' })).toBe('v3');
  });

  it('keeps v3-only nouns from an explicit classic', () => {
    expect(() => requireV3('classic', undefined, 'configurations')).toThrow(UsageError);
    expect(() => requireV3(undefined, 'classic', 'configurations')).toThrow(
      'configurations exist only in Conversational Intelligence v3, but the generation in effect is classic',
    );
    expect(() => requireV3(undefined, undefined, 'configurations')).not.toThrow();
    expect(() => requireV3('v3', 'classic', 'configurations')).not.toThrow();
  });

  it('parses --generation as a global flag, case-insensitively, and refuses other values', async () => {
    expect((await parseCi(['--generation', 'V3', 'operators', 'list'])).globals.generation).toBe('v3');
    expect((await parseCi(['operators', 'list'])).globals.generation).toBeUndefined();
    await expect(parseCi(['--generation', 'v4', 'operators', 'list'])).rejects.toThrow('--generation must be one of classic, v3');
  });
});
