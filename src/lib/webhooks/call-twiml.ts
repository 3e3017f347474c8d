// The TwiML of the seed's /incoming-call Function, built with the SDK's VoiceResponse.
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { VoiceResponseClass } from '../client.js';

export interface CallScript {
  greeting: string;
  thanks: string;
  language: string;
  /** Voice of the guidance; undefined lets Twilio pick (as the seed does). */
  greetingVoice?: string;
  thanksVoice?: string;
  /** Seconds of silence that end the recording. */
  timeout: number;
  /** Longest recording, in seconds. */
  maxLength: number;
  playBeep: boolean;
  /** Absolute URL of this server's /recording-status. */
  recordingStatusUrl: string;
}

/** The seed article's settings: Japanese guidance, a dual-channel recording, 5 s timeout, 2 minutes max. */
export const SEED_CALL_SCRIPT = {
  greeting: 'ピーという音のあとに話してください。',
  thanks: 'ありがとうございました。',
  language: 'ja-JP',
  thanksVoice: 'woman',
  timeout: 5,
  maxLength: 120,
  playBeep: true,
} as const satisfies Omit<CallScript, 'recordingStatusUrl'>;

function sayAttributes(language: string, voice: string | undefined): VoiceResponse.SayAttributes {
  return {
    language: language as VoiceResponse.SayAttributes['language'],
    ...(voice ? { voice: voice as VoiceResponse.SayAttributes['voice'] } : {}),
  };
}

/**
 * First request: guidance, then <Record> with the status callback. Without `action`, Twilio
 * requests this document again with a RecordingSid once recording ends: then thank and hang up.
 */
export function incomingCallTwiml(VoiceResponseImpl: VoiceResponseClass, script: CallScript, recordingSid: string | undefined): string {
  const twiml = new VoiceResponseImpl();
  if (recordingSid) {
    twiml.say(sayAttributes(script.language, script.thanksVoice), script.thanks);
    twiml.hangup();
  } else {
    twiml.say(sayAttributes(script.language, script.greetingVoice), script.greeting);
    const record: VoiceResponse.RecordAttributes & { recordingChannels: 'dual' } = {
      recordingStatusCallback: script.recordingStatusUrl,
      recordingStatusCallbackEvent: ['completed'],
      // The seed sets it; SDK 6.2's RecordAttributes does not list it, and the builder writes it as given.
      recordingChannels: 'dual',
      timeout: script.timeout,
      maxLength: script.maxLength,
      playBeep: script.playBeep,
    };
    twiml.record(record);
  }
  return twiml.toString();
}
