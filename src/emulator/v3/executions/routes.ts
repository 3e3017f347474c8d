import type { Route } from '../../router.js';
import { executeRule } from './run.js';

export const executionRoutes: Route[] = [
  {
    // Runs before answering, so the results exist once the 202 arrives (Twilio queues it; clients poll the results).
    method: 'POST',
    pattern: '/v3/RuleExecutions',
    handler({ store, accountSid, body }) {
      executeRule(store, accountSid, body);
      return { status: 202 };
    },
  },
];
