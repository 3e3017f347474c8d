// Twilio Voice's side of the call flow, as far as the emulator plays it: the number and its recordings.
import type { Route } from '../router.js';
import { callRecordingRoutes } from './call-recordings.js';
import { phoneNumberRoutes } from './phone-numbers.js';

export const voiceRoutes: Route[] = [...phoneNumberRoutes, ...callRecordingRoutes];
