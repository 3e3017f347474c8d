// Emulator-only: the recording a phone call would leave behind, added to the recordings catalogue
// so `ci emulator call` can hand its RecordingSid to a handler that transcribes it.
import { optionalString, requiredString } from '../params.js';
import type { RequestContext, Route } from '../router.js';
import { newSid } from '../sid.js';

/** When the caller starts speaking after the beep, and how long a word takes. */
const SPEECH_START_SECONDS = 0.8;
const SECONDS_PER_WORD = 0.4;

export const callRecordingRoutes: Route[] = [{ method: 'POST', pattern: '/emulator/Recordings', handler: createCallRecording }];

/** Form: Text (what the caller says, on channel 2), optional LanguageCode (default en-US). */
function createCallRecording(context: RequestContext) {
  const text = requiredString(context.form, 'Text');
  const words = text.trim().split(/\s+/).length;
  const end = Math.round((SPEECH_START_SECONDS + words * SECONDS_PER_WORD) * 10) / 10;
  const recording = {
    sid: newSid('RE'),
    call_sid: newSid('CA'),
    language_code: optionalString(context.form, 'LanguageCode') ?? 'en-US',
    utterances: [{ channel: 2 as const, start: SPEECH_START_SECONDS, end, text: text.trim() }],
  };
  context.transcriber.catalogue.add(recording);
  return { status: 201, body: recording };
}
