// examples/seed/ holds the seed operator twice (flat files for `ci operators create`, the folders
// `intelligence.yaml` names for `ci apply`); the README promises both say the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const seed = (path: string) => readFileSync(new URL(`../../examples/seed/${path}`, import.meta.url), 'utf8');

interface Example {
  input: string;
  output: unknown;
}

describe('examples/seed', () => {
  it('has the same prompt, schema and examples in both layouts', () => {
    expect(seed('prompts/feedback.txt')).toBe(seed('prompt.txt'));
    expect(JSON.parse(seed('schemas/feedback.json'))).toEqual(JSON.parse(seed('feedback.schema.json')));
    const lines = seed('examples.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Example)
      .map(({ input, output }) => ({ input, output: typeof output === 'string' ? (JSON.parse(output) as unknown) : output }));
    expect(JSON.parse(seed('examples/feedback.json'))).toEqual(lines);
  });
});
