import type { Command } from 'commander';
import { examples, nonNegativeInt, type Runner } from '../define.js';
import { withFaultFlags } from './fault-flags.js';

export function registerEmulator(program: Command, act: Runner): void {
  const emulator = program.command('emulator').description('a local Intelligence v2 API for demos, tests and trying ci without an account');

  examples(
    withFaultFlags(emulator
      .command('start')
      .description('serve the Intelligence v2 REST API on loopback until Ctrl-C')
      .option('--port <n>', 'port (0 picks a free one)', nonNegativeInt('--port'), 0)
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--account-sid <AC…>', 'account SID it accepts (default: a fixed emulator SID)')
      .option('--auth-token <token>', 'auth token it accepts (default: a fixed emulator token)')
      .option('--state <file>', 'keep state in this JSON file across restarts (default: memory only)')
      .option('--no-profile', 'do not write the "emulator" profile')
      .option('--transcribe-delay-ms <n>', 'time a transcript takes from queued to completed (default 1500)', nonNegativeInt('--transcribe-delay-ms'))
      .option('--recordings <file>', 'recordings catalogue: a JSON array of {sid, call_sid, language_code, utterances} (see docs/transcripts.md)')
      .option('--json', 'print events as JSON lines')),
    'ci emulator start',
    'ci emulator start --port 4010 --state ./emulator.json',
    'ci emulator start --transcribe-delay-ms 200 --recordings ./my-calls.json',
    'ci emulator start --latency-ms 50 --fail-rate 0.1 --throttle-rate 0.1 --reset-after-commit-rate 0.05 --seed 7',
  ).action(act(() => import('./start.js')));
}
