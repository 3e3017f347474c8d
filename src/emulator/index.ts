// The emulator's one public entry: everything outside src/emulator (the CLI, the tests, the
// benchmarks) imports from here and nothing else. It could be published on its own.

// Start and stop, options, stats.
export {
  startEmulator,
  DEFAULT_ACCOUNT_SID,
  DEFAULT_API_KEY_SECRET,
  DEFAULT_API_KEY_SID,
  DEFAULT_AUTH_TOKEN,
  type EmulatorOptions,
  type RunningEmulator,
} from './emulator.js';
export type { StatsSnapshot } from './stats.js';
export { seededRandom, type FaultOptions } from './faults.js';
export { StateFileError } from './state-file.js';
export { loadRecordingsFile, utterancesFromMedia, type CatalogueRecording } from './transcripts/recordings.js';
export { generatedRecordings } from './transcripts/generated.js';
export type { TranscriptCompletedHook } from './transcripts/transcriber.js';

// The simulated caller side: a phone call played against a voice webhook, and Twilio's signed requests.
export { CallFailedError, playInboundCall, type CallOptions, type CallStep } from './caller/voice-call.js';
export { parseTwiml, type TwimlVerb } from './caller/twiml.js';
export { sendSigned, type SignedRequest, type SignedResponse } from './caller/delivery.js';
export { twilioSignature, urlWithBodySha256, type SignedParams } from './caller/signing.js';
export { isLoopbackUrl, notifyTranscriptAvailable } from './transcripts/webhook.js';

// The deterministic analysis engine (unit-tested on its own).
export { analyse, classifySentiment, findEntities, maskEntities, type AnalysisOperator, type Utterance } from './engine/index.js';

// Checking exchanges against Twilio's OpenAPI files (the test suite checks every exchange).
export type { Exchange } from './server.js';
export { createSpecChecker, type SpecChecker } from './spec-check/index.js';
