import type { Command } from 'commander';
import { examples, withOutput, type Runner } from '../define.js';

export function registerSetup(program: Command, act: Runner): void {
  examples(
    withOutput(
      program
        .command('setup')
        .description('interactive: create a service, attach operators, create a generative operator; prints the equivalent commands'),
    ),
    'ci setup',
    'ci --profile emulator setup',
  ).action(act(() => import('./setup.js')));
}
