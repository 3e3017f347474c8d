// Voice v2 Transcription Configurations and Voice v3 Transcriptions (twilio_voice_v2.json, twilio_voice_v3.json).
import type { Route } from '../router.js';
import { transcriptionConfigurationRoutes } from './configurations.js';
import { voiceTranscriptionRoutes } from './transcriptions.js';

export const voiceApiRoutes: Route[] = [...transcriptionConfigurationRoutes, ...voiceTranscriptionRoutes];
