import { defineConfig } from 'vitest/config';
import { HOOK_TIMEOUT_MS, TEST_TIMEOUT_MS } from './test/support/timeouts.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/per-file.ts'],
    // Generous, so a loaded machine slows tests down without failing them; spawned children share the bound.
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: HOOK_TIMEOUT_MS,
    // Tests wait on the emulator's latency and polling as much as they compute: with 2 workers the 2 cores were
    // ~35 % idle (125 % CPU, vitest 141 s); 4 keep them busy (181 %, 104 s).
    maxWorkers: 4,
    // A worker's files share one module registry: each file no longer loads src/, the SDK and the spec validators
    // afresh (that was 74 s of the 104). Nothing here mocks modules; per-file cleanup is in test/support/per-file.ts.
    isolate: false,
  },
});
