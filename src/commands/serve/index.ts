import type { Command } from 'commander';
import { examples, positiveInt, type Runner } from '../define.js';
import { receiverFlags, signedServerFlags } from '../webhook/index.js';

export function registerServe(program: Command, act: Runner): void {
  examples(
    receiverFlags(
      signedServerFlags(
        program
          .command('serve')
          .option(
            '--service <service>',
            "service that transcribes the recordings: SID (GA…) or unique name (default: the profile's service)",
          )
          .option('--phone-number <+1…>', 'point this number\'s "A call comes in" webhook at the server (needs --public-url with Twilio)'),
      ),
    )
      .option('--greeting <text>', "guidance said before recording (default: the seed's Japanese prompt)")
      .option('--thanks <text>', "said after recording, before hanging up (default: the seed's)")
      .option('--language <code>', 'language of both <Say>s (default: ja-JP)')
      .option('--voice <voice>', 'voice of both <Say>s, e.g. Polly.Mizuki (default: Twilio\'s for the guidance, "woman" for the thanks)')
      .option('--timeout <seconds>', 'seconds of silence that end the recording (default: 5)', positiveInt('--timeout'))
      .option('--max-length <seconds>', 'longest recording in seconds (default: 120)', positiveInt('--max-length'))
      .option('--no-play-beep', 'record without the beep')
      .option('--json', 'print events as JSON lines'),
    'ci serve --service test-ci --port 3000',
    'ci serve --service test-ci --public-url https://abc.ngrok.app --phone-number +15551234567',
    'ci serve --service test-ci --language en-US --greeting "Speak after the beep." --thanks "Thank you."',
  ).action(act(() => import('./serve.js')));
}
