import { describe, expect, it } from 'vitest';
import { parseCsv, parseExamplesFile } from '../../src/lib/operator-input.js';
import { definitionProblems, exampleProblems, resultSchemaProblems } from '../../src/lib/operator-schema.js';
import { defined } from '../support/defined.js';

const SEED_SCHEMA = { type: 'object', properties: { category: { type: 'string' }, emotion: { type: 'string' } } };

function nested(levels: number): Record<string, unknown> {
  let node: Record<string, unknown> = { type: 'string' };
  for (let level = levels; level >= 1; level--) node = { type: 'object', properties: { [`level${level}`]: node } };
  return node;
}

describe('json_result_schema limits', () => {
  it('accepts the seed schema', () => {
    expect(resultSchemaProblems(SEED_SCHEMA)).toEqual([]);
  });

  it('wants an object root with properties', () => {
    expect(resultSchemaProblems([])).toEqual(['schema: the root must be a JSON object']);
    expect(resultSchemaProblems({ type: 'array', items: { type: 'string' } })).toEqual([
      'schema: the root "type" must be "object" (got "array")',
      'schema: the root must have "properties"',
    ]);
  });

  it('names every unsupported keyword by its JSON pointer', () => {
    const schema = {
      type: 'object',
      properties: {
        code: { type: 'string', pattern: '^[A-Z]+$', maxLength: 3 },
        'a/b': { type: 'array', items: { type: 'integer', minimum: 0 }, uniqueItems: true },
      },
    };
    expect(resultSchemaProblems(schema)).toEqual([
      'schema /properties/code/pattern: keyword "pattern" is not supported',
      'schema /properties/code/maxLength: keyword "maxLength" is not supported',
      'schema /properties/a~1b/uniqueItems: keyword "uniqueItems" is not supported',
      'schema /properties/a~1b/items/minimum: keyword "minimum" is not supported',
    ]);
  });

  it('counts properties at every level, at most 100', () => {
    const properties = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, { type: 'string' }]));
    expect(resultSchemaProblems({ type: 'object', properties })).toEqual([]);
    const inner = { type: 'object', properties: { extra: { type: 'string' } } };
    expect(resultSchemaProblems({ type: 'object', properties: { ...properties, p0: inner } })).toEqual([
      'schema: 101 properties, at most 100 are supported',
    ]);
  });

  it('allows 5 levels of nesting, not 6', () => {
    expect(resultSchemaProblems(nested(5))).toEqual([]);
    expect(resultSchemaProblems(nested(6))).toEqual([
      'schema /properties/level1/properties/level2/properties/level3/properties/level4/properties/level5/properties: nested 6 levels deep, at most 5 are supported',
    ]);
  });

  it('limits enum values in total and rejects unknown types and invalid JSON Schema', () => {
    const many = Array.from({ length: 300 }, (_, i) => `v${i}`);
    const schema = {
      type: 'object',
      properties: { a: { type: 'string', enum: many }, b: { anyOf: [{ type: 'string', enum: many }, { type: 'null' }] } },
    };
    expect(resultSchemaProblems(schema)).toEqual(['schema: 600 enum values in total, at most 500 are supported']);
    expect(resultSchemaProblems({ type: 'object', properties: { when: { type: 'date' } } })).toEqual([
      'schema /properties/when/type: type "date" is not supported',
    ]);
    expect(resultSchemaProblems({ type: 'object', properties: { a: { type: 'string' } }, required: 'a' })).toEqual([
      'schema /required: not a valid JSON Schema (must be array)',
    ]);
  });
});

describe('training examples', () => {
  it('checks JSON outputs against the schema, naming example numbers and paths', () => {
    const examples = [
      { input: 'How much your product?', output: '{"category":"pricing","emotion":"neutral"}' },
      { input: 'Hi', output: 'pricing' },
      { input: 'Hello', output: '{"category":1}' },
    ];
    expect(exampleProblems(examples, SEED_SCHEMA)).toEqual([
      'example 2: the output is not JSON (Unexpected token \'p\', "pricing" is not valid JSON)',
      'example 3: output /category must be string',
    ]);
  });

  it('takes any text output for a text operator, but not an empty one', () => {
    expect(
      exampleProblems(
        [
          { input: 'a', output: 'free text' },
          { input: ' ', output: '' },
        ],
        undefined,
      ),
    ).toEqual(['example 2: the input is empty', 'example 2: the output is empty']);
  });

  it('reports every problem of a definition at once', () => {
    const problems = definitionProblems({
      friendlyName: 'n'.repeat(65),
      prompt: ' ',
      schema: { type: 'object', properties: { a: { type: 'string', format: 'email' } } },
      examples: [{ input: 'x', output: '{' }],
    });
    expect(problems).toEqual([
      'the name is 65 characters, at most 64 are allowed',
      'the prompt is empty',
      'schema /properties/a/format: keyword "format" is not supported',
      expect.stringMatching(/^example 1: the output is not JSON/),
    ]);
  });
});

describe('examples files', () => {
  const expected = [
    { input: 'How much your product?', output: '{"category":"pricing","emotion":"neutral"}' },
    { input: 'We cannot find your products.', output: '{"category":"other","emotion":"negative"}' },
  ];

  it('reads a JSON array, with outputs as JSON text or as JSON', () => {
    const text = JSON.stringify([expected[0], { input: defined(expected[1]).input, output: { category: 'other', emotion: 'negative' } }]);
    const problems: string[] = [];
    expect(parseExamplesFile('examples.json', text, problems)).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it('reads JSONL, skipping blank lines, and names bad lines', () => {
    const text = `${JSON.stringify(expected[0])}\n\n${JSON.stringify(expected[1])}\n{"input":"x","output":"y","label":1}\nnot json\n`;
    const problems: string[] = [];
    expect(parseExamplesFile('examples.jsonl', text, problems)).toEqual([...expected, { input: 'x', output: 'y' }]);
    expect(problems).toEqual([
      '--examples examples.jsonl line 4: unknown field label',
      expect.stringMatching(/^--examples examples.jsonl line 5: not JSON/),
    ]);
  });

  it('reads CSV with quoted fields and a header', () => {
    const text =
      'input,output\n"How much your product?","{""category"":""pricing"",""emotion"":""neutral""}"\r\nWe cannot find your products.,"{""category"":""other"",""emotion"":""negative""}"\n';
    const problems: string[] = [];
    expect(parseExamplesFile('examples.csv', text, problems)).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it('names CSV problems by line, and unknown formats', () => {
    const problems: string[] = [];
    parseExamplesFile('e.csv', 'input,output\na,b,c\n', problems);
    parseExamplesFile('f.csv', 'question,answer\n', problems);
    parseExamplesFile('g.txt', 'a => b', problems);
    expect(problems).toEqual([
      '--examples e.csv line 2: expected 2 fields (input,output), got 3; quote fields that contain commas',
      '--examples f.csv: the first line must be the header "input,output"',
      '--examples g.txt: unknown format ".txt"; use .json (array), .jsonl or .csv',
    ]);
    expect(parseCsv('a,"b\nc"\nd,e')).toEqual({
      rows: [
        ['a', 'b\nc'],
        ['d', 'e'],
      ],
      lines: [1, 3],
    });
    expect(parseCsv('"open')).toEqual({ error: 'line 1: a quoted field is not closed' });
  });
});
