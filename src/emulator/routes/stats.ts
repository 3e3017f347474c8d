import type { Route } from '../router.js';

/** GET /emulator/stats: what the emulator did, for tests and benchmarks (emulator-only, behind auth). */
export const statsRoutes: Route[] = [
  { method: 'GET', pattern: '/emulator/stats', handler: ({ stats }) => ({ status: 200, body: stats.toJSON() }) },
];
