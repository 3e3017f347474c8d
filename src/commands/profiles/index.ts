import type { Command } from 'commander';
import { examples, httpUrl, withOutput, type Runner } from '../define.js';

export function registerProfiles(program: Command, act: Runner): void {
  const profiles = program.command('profiles').alias('profile').description('manage saved credentials (stored with mode 0600)');

  examples(
    profiles
      .command('add')
      .description('save credentials under a name, without prompting')
      .argument('<name>', 'profile name')
      .option('--account-sid <AC…>', 'account SID')
      .option('--auth-token <token>', 'auth token (or use an API key)')
      .option('--api-key <SK…>', 'API key SID')
      .option('--api-secret <secret>', 'API key secret')
      .option('--region <region>', 'Twilio region, e.g. ie1')
      .option('--edge <edge>', 'Twilio edge, e.g. dublin')
      .option('--api-url <url>', 'base URL for every API request (e.g. an emulator)', httpUrl('--api-url'))
      .option('--service <GA…>', 'default service for commands that need one')
      .option('--activate', 'make it the active profile'),
    'ci profiles add prod --account-sid AC… --api-key SK… --api-secret …',
    'ci profiles add test --account-sid AC… --auth-token … --service GA… --activate',
  ).action(act(() => import('./add.js')));

  examples(
    withOutput(profiles.command('list').alias('ls').description('list profiles (secrets masked)'), { list: true }),
    'ci profiles list',
  ).action(act(() => import('./list.js')));

  examples(profiles.command('use').description('make a profile the active one').argument('<name>'), 'ci profiles use prod').action(
    act(() => import('./use.js')),
  );

  examples(
    profiles.command('remove').alias('rm').description('delete a saved profile').argument('<name>'),
    'ci profiles remove old-account',
  ).action(act(() => import('./remove.js')));
}
