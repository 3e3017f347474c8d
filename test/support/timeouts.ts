// The suite's time bounds, shared by vitest.config.ts and the helpers that start child processes,
// so a child never outlives the test that started it. Generous: they hold on a loaded machine.
export const TEST_TIMEOUT_MS = 60_000;
export const HOOK_TIMEOUT_MS = 60_000;
/** A child still running this long is killed: before its test times out, so the test reports what the child printed. */
export const CHILD_TIMEOUT_MS = TEST_TIMEOUT_MS - 5_000;
