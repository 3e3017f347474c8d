import { defineConfig } from 'vitest/config';
import { HOOK_TIMEOUT_MS, TEST_TIMEOUT_MS } from './test/support/timeouts.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Generous, so a loaded machine slows tests down without failing them; spawned children share the bound.
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: HOOK_TIMEOUT_MS,
    // Tests run the CLI in-process, so they are CPU-bound: one worker per core of the 2-core target.
    maxWorkers: 2,
  },
});
