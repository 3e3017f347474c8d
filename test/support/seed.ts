// The seed article's custom operator, from the files in examples/seed (shared with `npm run demo`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = (name: string) => fileURLToPath(new URL(`../../examples/seed/${name}`, import.meta.url));

export const SEED_FILES = { prompt: file('prompt.txt'), schema: file('feedback.schema.json'), examples: file('examples.jsonl') };

/** The operator's files as `ci operators create` takes them (either generation). */
export const SEED_OPERATOR_FLAGS = ['--prompt-file', SEED_FILES.prompt, '--schema', SEED_FILES.schema, '--examples', SEED_FILES.examples];

export const SEED_CONFIG = {
  prompt: readFileSync(SEED_FILES.prompt, 'utf8').trim(),
  json_result_schema: JSON.parse(readFileSync(SEED_FILES.schema, 'utf8')) as Record<string, unknown>,
  examples: readFileSync(SEED_FILES.examples, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { input: string; output: string }),
};
