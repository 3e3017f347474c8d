import type { Command } from 'commander';
import { examples, type Runner } from '../define.js';

export function registerDoctor(program: Command, act: Runner): void {
  examples(
    program.command('doctor').option('--json', 'print the checks as one JSON document'),
    'ci doctor',
    'ci --profile emulator doctor --json | jq ".checks[] | select(.ok == false)"',
  ).action(act(() => import('./doctor.js')));
}
