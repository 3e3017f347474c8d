// Conversations v2 ("Conversation Orchestrator", twilio_conversations_v2.json): the routes it serves.
import type { Route } from '../router.js';
import { configurationRoutes } from './configuration-routes.js';
import { conversationV2Routes } from './conversation-routes.js';

export const conversationsRoutes: Route[] = [...configurationRoutes, ...conversationV2Routes];
