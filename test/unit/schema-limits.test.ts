import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/schema/json.js';
import { checkSchemaLimits } from '../../src/schema/limits.js';
import { LinearRegExp, linearRegExpEngine, patternProblem } from '../../src/schema/regex.js';

const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });

/** A chain of `levels` objects, each holding the next under `key`. */
function chain(levels: number, wrap: (inner: Record<string, unknown>) => Record<string, unknown>): Record<string, unknown> {
  let node: Record<string, unknown> = { type: 'string' };
  for (let level = 0; level < levels; level++) node = wrap(node);
  return node;
}

describe('checkSchemaLimits: classic (v2 generative operators)', () => {
  it('finds unsupported keywords everywhere in the tree', () => {
    const schema = object({
      list: { type: 'array', items: { type: 'string', pattern: 'a' } },
      either: { anyOf: [{ type: 'string', format: 'email' }, { type: 'null' }] },
      both: { allOf: [{ type: 'string', minLength: 1 }] },
      one: { oneOf: [{ type: 'number', minimum: 0 }] },
      ref: { $ref: '#/$defs/code' },
      old: { $ref: '#/definitions/old' },
    });
    const problems = checkSchemaLimits(
      { ...schema, $defs: { code: { type: 'string', maxLength: 3 } }, definitions: { old: { type: 'string', multipleOf: 2 } } },
      'classic',
    );
    expect(problems.map((problem) => problem.pointer)).toEqual([
      '/properties/list/items/pattern',
      '/properties/either/anyOf/0/format',
      '/properties/both/allOf/0/minLength',
      '/properties/one/oneOf/0/minimum',
      '/$defs/code/maxLength',
      '/definitions/old/multipleOf',
    ]);
  });

  it('allows depth 5, 100 properties and 500 enum values, not more', () => {
    const deep = (levels: number) => chain(levels, (inner) => object({ next: inner }));
    expect(checkSchemaLimits(deep(5), 'classic')).toEqual([]);
    expect(checkSchemaLimits(deep(6), 'classic')).toEqual([
      {
        pointer: '/properties/next/properties/next/properties/next/properties/next/properties/next/properties',
        message: 'nested 6 levels deep, at most 5 are supported',
      },
    ]);
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, { type: 'string' }]));
    expect(checkSchemaLimits(object(many), 'classic')).toEqual([{ pointer: '', message: '101 properties, at most 100 are supported' }]);
    const values = Array.from({ length: 501 }, (_, i) => i);
    expect(checkSchemaLimits(object({ a: { enum: values } }), 'classic')).toEqual([
      { pointer: '', message: '501 enum values in total, at most 500 are supported' },
    ]);
  });

  it('counts depth through $ref and refuses $ref cycles', () => {
    const defs = { $defs: { leaf: chain(4, (inner) => object({ next: inner })) } };
    expect(checkSchemaLimits({ ...object({ a: { $ref: '#/$defs/leaf' } }), ...defs }, 'classic')).toEqual([]);
    const deeper = checkSchemaLimits({ ...object({ a: object({ b: { $ref: '#/$defs/leaf' } }) }), ...defs }, 'classic');
    expect(deeper).toEqual([
      { pointer: '/properties/a/properties/b/$ref', message: 'nested 6 levels deep through #/$defs/leaf, at most 5 are supported' },
    ]);
    const cycle = { ...object({ a: { $ref: '#/$defs/node' } }), $defs: { node: object({ child: { $ref: '#/$defs/node' } }) } };
    expect(checkSchemaLimits(cycle, 'classic')).toEqual([
      { pointer: '/$defs/node/properties/child/$ref', message: '#/$defs/node refers back to itself: recursive schemas are not supported' },
    ]);
    expect(checkSchemaLimits(object({ self: { $ref: '#' } }), 'classic')[0]?.message).toMatch(/refers back to itself/);
    expect(checkSchemaLimits(object({ far: { $ref: 'https://example.com/s.json' } }), 'classic')[0]?.message).toBe(
      'only local references (#/…) are supported',
    );
  });

  it('refuses a schema nested 100,000 deep without a stack overflow', () => {
    const viaItems = chain(100_000, (inner) => ({ type: 'array', items: inner }));
    const [problem, ...others] = checkSchemaLimits(object({ a: viaItems }), 'classic');
    expect(others).toEqual([]);
    expect(problem?.message).toBe('subschemas nested more than 32 deep');
    expect(problem?.pointer).toMatch(/^\/properties\/a(\/items)+$/);
    const viaProperties = chain(100_000, (inner) => object({ next: inner }));
    expect(checkSchemaLimits(viaProperties, 'classic')[0]?.message).toBe('nested 6 levels deep, at most 5 are supported');
  });
});

describe('checkSchemaLimits: v3 output schemas', () => {
  it('allows pattern, 10 levels and 1000 enum values', () => {
    const deep = (levels: number) => chain(levels, (inner) => object({ next: { ...inner, pattern: '^[a-z]+$' } }));
    expect(checkSchemaLimits(deep(10), 'v3')).toEqual([]);
    expect(checkSchemaLimits(deep(11), 'v3')[0]?.message).toBe('nested 11 levels deep, at most 10 are supported');
    expect(checkSchemaLimits(object({ a: { enum: Array.from({ length: 1000 }, (_, i) => i) } }), 'v3')).toEqual([]);
    expect(checkSchemaLimits(object({ a: { enum: Array.from({ length: 1001 }, (_, i) => i) } }), 'v3')).toHaveLength(1);
  });

  it('refuses patterns that cannot be matched in linear time', () => {
    expect(checkSchemaLimits(object({ a: { type: 'string', pattern: '^(a)\\1$' } }), 'v3')).toEqual([
      {
        pointer: '/properties/a/pattern',
        message: 'pattern "^(a)\\\\1$" is not supported: backreferences cannot be matched in linear time',
      },
    ]);
    expect(checkSchemaLimits({ type: 'object', patternProperties: { '^(?=x)': { type: 'string' } } }, 'v3')[0]?.pointer).toBe(
      '/patternProperties/^(?=x)',
    );
  });
});

describe('the linear-time matcher', () => {
  const cases: Array<[string, string[]]> = [
    ['^[A-Z]{2}[0-9a-f]{32}$', ['GA' + 'a'.repeat(32), 'GA' + 'a'.repeat(31), 'ga' + '0'.repeat(32)]],
    ['colou?r', ['color', 'colour', 'colr', 'my colour!']],
    ['^(cat|dog)s?$', ['cat', 'dogs', 'cats!', 'bird']],
    ['\\bword\\b', ['a word here', 'swordfish', 'word']],
    ['^\\d{3}-\\d{4}$', ['555-1234', '5551234', '555-12345']],
    ['^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$', ['a@b.co', 'a@b', 'a b@c.de']],
    ['a.c', ['abc', 'a\nc', 'ac']],
    ['^(?:ab)*$', ['', 'abab', 'aba']],
    ['^x{2,}$', ['x', 'xx', 'xxxxx']],
    ['[\\w-]+', ['---', '', '!!']],
    ['^\\u00e9t\\u{e9}$', ['été', 'ete']],
    ['^(?<year>\\d{4})$', ['2026', '26']],
    ['a\\{\\}', ['a{}', 'a']],
    ['^[a-]$', ['-', 'a', 'b']],
  ];
  it.each(cases)('matches %s as RegExp does', (pattern, texts) => {
    const linear = new LinearRegExp(pattern);
    for (const text of texts) expect(linear.test(text), `${pattern} on ${JSON.stringify(text)}`).toBe(new RegExp(pattern, 'u').test(text));
  });

  it('answers a catastrophic pattern on a hostile text (no backtracking)', () => {
    const linear = new LinearRegExp('^(a+)+$');
    expect(linear.test(`${'a'.repeat(5000)}!`)).toBe(false);
    expect(linear.test('a'.repeat(5000))).toBe(true);
    expect(new LinearRegExp('^(a|a)*b$').test('a'.repeat(5000))).toBe(false);
  });

  it('refuses what it cannot match linearly, and oversized programs', () => {
    expect(patternProblem('(?<=a)b')).toMatch(/lookahead and lookbehind/);
    expect(patternProblem('(a)\\1')).toMatch(/backreferences/);
    expect(patternProblem('\\p{L}')).toMatch(/Unicode property/);
    expect(patternProblem('(((a{100}){100}){100})')).toMatch(/too large/);
    expect(patternProblem('a'.repeat(1001))).toMatch(/longer than 1000/);
    expect(patternProblem('[a')).toMatch(/unterminated/);
    expect(patternProblem('a{')).toMatch(/lone "\{"/);
  });

  it('plugs into ajv as its regExp engine', () => {
    const ajv = new Ajv({ code: { regExp: linearRegExpEngine } });
    const validate = ajv.compile({
      type: 'object',
      properties: { a: { type: 'string', pattern: '^(a+)+$' }, b: { type: 'string', pattern: '^b$' } },
    });
    expect(validate({ a: `${'a'.repeat(10_000)}!` })).toBe(false);
    expect(validate({ a: 'aaa', b: 'b' })).toBe(true);
    expect(validate({ a: 'aaa', b: 'c' })).toBe(false);
  });
});

describe('parseJson', () => {
  it('names the line and column of a syntax error', () => {
    expect(parseJson('{\n  "a": 1,\n  "b": }')).toEqual({ ok: false, message: 'unexpected "}"', line: 3, column: 8 });
    expect(parseJson('')).toMatchObject({ ok: false, message: 'empty', line: 1, column: 1 });
    expect(parseJson('{"a": [1, 2]} x')).toMatchObject({ ok: false, line: 1, column: 15 });
    expect(parseJson('{"a": "\\u00e9", "b": [true, false, null, -1.5e3]}')).toEqual({
      ok: true,
      value: { a: 'é', b: [true, false, null, -1500] },
    });
  });

  it('refuses text nested deeper than the limit before JSON.parse sees it', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(parseJson(deep)).toMatchObject({ ok: false, message: 'nested more than 256 levels deep', line: 1, column: 257 });
  });
});
