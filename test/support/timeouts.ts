// The suite's time bounds, shared by vitest.config.ts and the helpers that start child processes,
// so a child never outlives the test that started it. Generous: they hold on a loaded machine.
export const TEST_TIMEOUT_MS = 60_000;
export const HOOK_TIMEOUT_MS = 60_000;
