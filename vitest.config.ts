import { defineConfig } from 'vitest/config';
import { HOOK_TIMEOUT_MS, TEST_TIMEOUT_MS } from './test/support/timeouts.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Generous, so a loaded machine slows tests down without failing them; spawned children share the bound.
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: HOOK_TIMEOUT_MS,
    // Tests wait on the emulator's latency and polling as much as they compute: with 2 workers the 2 cores were
    // ~35 % idle (125 % CPU, vitest 141 s); 4 keep them busy (181 %, 104 s) and no test got slower than 7.2 s but the demo.
    maxWorkers: 4,
  },
});
