// Lint: typescript-eslint's recommended type-checked rules over src and tests; formatting is Prettier's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'src/**/*.generated.ts',
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'bench/**',
      'scripts/**',
      'bin/**',
      'eslint.config.js',
      'vitest.config.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    // As tsc's noUnusedParameters: a leading _ marks a parameter kept for its position; a rest sibling omits a key.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }] },
  },
  {
    // These match control characters and terminal escapes on purpose: they make text safe, or check that it is.
    files: [
      'src/lib/output/sanitize.ts',
      'src/lib/output/format.ts',
      'src/schema/json.ts',
      'test/unit/sanitize.test.ts',
      'test/unit/reliability.test.ts',
      'test/unit/apply-line-diff.test.ts',
    ],
    rules: { 'no-control-regex': 'off' },
  },
);
