import type { Command } from 'commander';
import { examples, type Runner } from '../define.js';

export function registerLogin(program: Command, act: Runner): void {
  examples(
    program
      .command('login')
      .argument('[name]', 'profile name', 'default')
      .option('--account-sid <AC…>', 'account SID (asked when missing)'),
    'ci login',
    'ci login work --account-sid AC0123456789abcdef0123456789abcdef',
  ).action(act(() => import('./login.js')));
}
