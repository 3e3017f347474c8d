import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../../src/lib/apply/config-schema.js';
// @ts-expect-error -- a build script, plain JavaScript without types
import { validatorSource } from '../../scripts/validator-source.mjs';

describe('the configuration file validator compiled ahead of time', () => {
  it('is the one the schema compiles to today (else: npm run generate)', () => {
    const committed = readFileSync(new URL('../../src/lib/apply/config-validator.generated.ts', import.meta.url), 'utf8');
    expect((validatorSource as (schema: unknown) => string)(CONFIG_SCHEMA) === committed).toBe(true);
  });
});
