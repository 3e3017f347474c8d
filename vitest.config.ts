import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e files spawn processes; two cores → keep the pool small so timing stays honest
    maxWorkers: 2,
  },
});
