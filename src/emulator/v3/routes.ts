// Conversational Intelligence v3 (all 18 operations of twilio_intelligence_v3.json) and the emulator's v3 control endpoints.
import type { Route } from '../router.js';
import { configurationRoutes } from './configurations/routes.js';
import { controlRoutes } from './control.js';
import { conversationRoutes } from './conversations/routes.js';
import { executionRoutes } from './executions/routes.js';
import { operatorRoutes } from './operators/routes.js';
import { resultRoutes } from './results/routes.js';

export const v3Routes: Route[] = [
  ...configurationRoutes,
  ...operatorRoutes,
  ...resultRoutes,
  ...conversationRoutes,
  ...executionRoutes,
  ...controlRoutes,
];
