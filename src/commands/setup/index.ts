import type { Command } from 'commander';
import { examples, type Runner } from '../define.js';

export function registerSetup(program: Command, act: Runner): void {
  examples(
    program.command('setup').option('--json', 'print {serviceSid, uniqueName, attachedOperatorSids, customOperatorSid, commands} as JSON'),
    'ci setup',
    'ci --profile emulator setup',
  ).action(act(() => import('./setup.js')));
}
