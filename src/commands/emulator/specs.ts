import { flag, verb } from '../spec.js';
import { FAULT_FLAGS } from './fault-flags.js';

export const start = verb({
  name: 'start',
  summary: 'serve the Intelligence v2 REST API on loopback until Ctrl-C',
  output: 'stream',
  flags: {
    port: flag.withDefault(flag.port('--port <n>', 'port (0 picks a free one)'), 0),
    host: flag.withDefault(flag.string('--host <host>', 'address to listen on'), '127.0.0.1'),
    accountSid: flag.string('--account-sid <AC…>', 'account SID it accepts (default: a fixed emulator SID)'),
    authTokenStdin: flag.bool(
      '--auth-token-stdin',
      'read the auth token it accepts from stdin (default: TWILIO_CI_EMULATOR_AUTH_TOKEN, else a fixed emulator token)',
    ),
    authToken: flag.string('--auth-token <token>', 'the same as an argument, which other users can see in ps: prefer --auth-token-stdin'),
    state: flag.string('--state <file>', 'keep state in this JSON file across restarts (default: memory only)'),
    profile: flag.bool('--no-profile', 'do not write the "emulator" profile'),
    transcribeDelayMs: flag.int('--transcribe-delay-ms <n>', 'time a transcript takes from queued to completed (default 1500)', {
      min: 0,
    }),
    recordings: flag.string(
      '--recordings <file>',
      'recordings catalogue: a JSON array of {sid, call_sid, language_code, utterances} (see docs/transcripts.md)',
    ),
    remoteWebhooks: flag.bool(
      '--remote-webhooks',
      'also deliver service webhooks to non-loopback URLs (off: a local emulator sends nothing off this machine)',
    ),
    ...FAULT_FLAGS,
  },
  examples: [
    'ci emulator start',
    'ci emulator start --port 4010 --state ./emulator.json',
    'ci emulator start --transcribe-delay-ms 200 --recordings ./my-calls.json',
    'ci emulator start --latency-ms 50 --fail-rate 0.1 --throttle-rate 0.1 --reset-after-commit-rate 0.05 --seed 7',
  ],
});

export const call = verb({
  name: 'call',
  summary: "play Twilio's side of an inbound call against a voice URL (e.g. `ci serve`'s /incoming-call), signed like Twilio",
  output: 'list',
  flags: {
    to: flag.url('--to <url>', 'the voice URL to call (default: the --number\'s "A call comes in" URL, set by `ci serve --phone-number`)'),
    say: flag.string(
      '--say <text>',
      "what the caller says: the emulator records it as a new catalogue recording (default: the seed's test sentence)",
    ),
    recording: flag.string('--recording <RE…>', 'play this catalogue recording instead, e.g. RE00000000000000000000000000000002'),
    from: flag.withDefault(flag.string('--from <number>', 'the caller'), '+15005550006'),
    number: flag.withDefault(flag.string('--number <number>', 'the Twilio number called'), '+15005550001'),
    authToken: flag.string('--auth-token <token>', 'auth token to sign with (default: the credentials in effect)'),
  },
  examples: [
    'ci emulator call                    # calls +15005550001, after `ci serve --phone-number +15005550001`',
    'ci emulator call --to http://127.0.0.1:3000/incoming-call --say "How much is your product?"',
    'ci emulator call --to http://127.0.0.1:3000/incoming-call --recording RE0123456789abcdef0123456789abcdef --json',
  ],
});
