import { TOP_LEVEL } from '../manifest.js';
import { RECEIVER_FLAGS, SIGNED_SERVER_FLAGS } from '../shared/server-flags.js';
import { flag, verb } from '../spec.js';

export const serveSpec = verb({
  ...TOP_LEVEL.serve,
  output: 'stream',
  flags: {
    ...SIGNED_SERVER_FLAGS,
    service: flag.string(
      '--service <service>',
      "service that transcribes the recordings: SID (GA…) or unique name (default: the profile's service)",
    ),
    conversationConfiguration: flag.string(
      '--conversation-configuration <configuration>',
      'v3 instead of --service: transcribe each recording into a conversation of this configuration (name or ID), closed once transcribed so its CONVERSATION_END rules run',
    ),
    phoneNumber: flag.string(
      '--phone-number <+1…>',
      'point this number\'s "A call comes in" webhook at the server (needs --public-url with Twilio)',
    ),
    ...RECEIVER_FLAGS,
    greeting: flag.string('--greeting <text>', "guidance said before recording (default: the seed's Japanese prompt)"),
    thanks: flag.string('--thanks <text>', "said after recording, before hanging up (default: the seed's)"),
    language: flag.string('--language <code>', 'language of both <Say>s (default: ja-JP)'),
    voice: flag.string(
      '--voice <voice>',
      'voice of both <Say>s, e.g. Polly.Mizuki (default: Twilio\'s for the guidance, "woman" for the thanks)',
    ),
    timeout: flag.duration('--timeout <duration>', 'silence that ends the recording, e.g. 5s (default: 5s)', { min: 1000, in: 's' }),
    maxLength: flag.duration('--max-length <duration>', 'longest recording, e.g. 2m (default: 2m)', { min: 1000, in: 's' }),
    playBeep: flag.bool('--no-play-beep', 'record without the beep'),
  },
  examples: [
    'ci serve --service test-ci --port 3000',
    'ci serve --service test-ci --public-url https://abc.ngrok.app --phone-number +15551234567',
    'ci serve --conversation-configuration post-call --port 3000',
    'ci serve --service test-ci --language en-US --greeting "Speak after the beep." --thanks "Thank you."',
  ],
});
