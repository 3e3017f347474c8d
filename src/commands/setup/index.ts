import type { Command } from 'commander';
import { examples, type Runner } from '../define.js';

export function registerSetup(program: Command, act: Runner): void {
  examples(
    program
      .command('setup')
      .description('interactive: create a service, attach operators, create a generative operator; prints the equivalent commands')
      .option('--json', 'print {serviceSid, uniqueName, attachedOperatorSids, customOperatorSid, commands} as JSON'),
    'ci setup',
    'ci --profile emulator setup',
  ).action(act(() => import('./setup.js')));
}
