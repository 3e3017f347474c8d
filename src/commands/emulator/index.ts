import type { Command } from 'commander';
import { examples, httpUrl, nonNegativeInt, withOutput, type Runner } from '../define.js';
import { withFaultFlags } from './fault-flags.js';

export function registerEmulator(program: Command, act: Runner): void {
  const emulator = program.command('emulator');

  examples(
    withFaultFlags(
      emulator
        .command('start')
        .description('serve the Intelligence v2 REST API on loopback until Ctrl-C')
        .option('--port <n>', 'port (0 picks a free one)', nonNegativeInt('--port'), 0)
        .option('--host <host>', 'address to listen on', '127.0.0.1')
        .option('--account-sid <AC…>', 'account SID it accepts (default: a fixed emulator SID)')
        .option(
          '--auth-token-stdin',
          'read the auth token it accepts from stdin (default: TWILIO_CI_EMULATOR_AUTH_TOKEN, else a fixed emulator token)',
        )
        .option('--auth-token <token>', 'the same as an argument, which other users can see in ps: prefer --auth-token-stdin')
        .option('--state <file>', 'keep state in this JSON file across restarts (default: memory only)')
        .option('--no-profile', 'do not write the "emulator" profile')
        .option(
          '--transcribe-delay-ms <n>',
          'time a transcript takes from queued to completed (default 1500)',
          nonNegativeInt('--transcribe-delay-ms'),
        )
        .option(
          '--recordings <file>',
          'recordings catalogue: a JSON array of {sid, call_sid, language_code, utterances} (see docs/transcripts.md)',
        )
        .option(
          '--remote-webhooks',
          'also deliver service webhooks to non-loopback URLs (off: a local emulator sends nothing off this machine)',
        )
        .option('--json', 'print events as JSON lines'),
    ),
    'ci emulator start',
    'ci emulator start --port 4010 --state ./emulator.json',
    'ci emulator start --transcribe-delay-ms 200 --recordings ./my-calls.json',
    'ci emulator start --latency-ms 50 --fail-rate 0.1 --throttle-rate 0.1 --reset-after-commit-rate 0.05 --seed 7',
  ).action(act(() => import('./start.js')));

  examples(
    withOutput(
      emulator
        .command('call')
        .description("play Twilio's side of an inbound call against a voice URL (e.g. `ci serve`'s /incoming-call), signed like Twilio")
        .option(
          '--to <url>',
          'the voice URL to call (default: the --number\'s "A call comes in" URL, set by `ci serve --phone-number`)',
          httpUrl('--to'),
        )
        .option(
          '--say <text>',
          "what the caller says: the emulator records it as a new catalogue recording (default: the seed's test sentence)",
        )
        .option('--recording <RE…>', 'play this catalogue recording instead, e.g. RE00000000000000000000000000000002')
        .option('--from <number>', 'the caller', '+15005550006')
        .option('--number <number>', 'the Twilio number called', '+15005550001')
        .option('--auth-token <token>', 'auth token to sign with (default: the credentials in effect)'),
      { list: true },
    ),
    'ci emulator call                    # calls +15005550001, after `ci serve --phone-number +15005550001`',
    'ci emulator call --to http://127.0.0.1:3000/incoming-call --say "How much is your product?"',
    'ci emulator call --to http://127.0.0.1:3000/incoming-call --recording RE0123456789abcdef0123456789abcdef --json',
  ).action(act(() => import('./call.js')));
}
