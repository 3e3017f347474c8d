import type { Route } from '../router.js';
import { recordingRoutes } from './recordings.js';
import { transcriptContentRoutes } from './transcript-content.js';
import { transcriptRoutes } from './transcripts.js';

/** Transcripts, their sentences, media and results, and the Recording resource they read. */
export const transcriptionRoutes: Route[] = [...transcriptRoutes, ...transcriptContentRoutes, ...recordingRoutes];
