import type { Command } from 'commander';
import { examples, withOutput, type Runner } from '../define.js';

export function registerProfiles(program: Command, act: Runner): void {
  const profiles = program.command('profiles');

  examples(
    profiles
      .command('add')
      .description(
        'save credentials under a name; the secret comes from stdin, TWILIO_AUTH_TOKEN / TWILIO_API_SECRET, or a prompt on a terminal; the global --region, --edge and --api-url are saved with them',
      )
      .argument('<name>', 'profile name')
      .option('--account-sid <AC…>', 'account SID')
      .option('--auth-token-stdin', 'read the auth token from stdin (or use an API key)')
      .option('--api-key <SK…>', 'API key SID')
      .option('--api-secret-stdin', 'read the API key secret from stdin')
      .option('--auth-token <token>', 'auth token as an argument, which other users can see in ps: prefer --auth-token-stdin')
      .option('--api-secret <secret>', 'API key secret as an argument (visible in ps): prefer --api-secret-stdin')
      .option('--service <GA…>', 'default service for commands that need one')
      .option('--activate', 'make it the active profile'),
    'ci profiles add prod --account-sid AC… --api-key SK… --api-secret-stdin < secret.txt',
    'ci profiles add test --account-sid AC… --service GA… --activate      # asks for the auth token',
    'printenv LOCAL_TOKEN | ci profiles add local --account-sid AC… --auth-token-stdin --api-url http://127.0.0.1:4010',
  ).action(act(() => import('./add.js')));

  examples(
    withOutput(profiles.command('list').alias('ls').description('list profiles (secrets masked)'), { list: true }),
    'ci profiles list',
  ).action(act(() => import('./list.js')));

  examples(profiles.command('use').description('make a profile the active one').argument('<name>'), 'ci profiles use prod').action(
    act(() => import('./use.js')),
  );

  examples(
    withOutput(
      profiles
        .command('import')
        .description("import profiles from twilio-cli's ~/.twilio-cli/config.json (read only; asks which on a terminal)")
        .argument('[names...]', 'twilio-cli profile names to import')
        .option('--all', 'import every profile found')
        .option('--overwrite', 'replace ci profiles that have the same name')
        .option('--from <file>', "twilio-cli's config file (default: ~/.twilio-cli/config.json)"),
      { list: true },
    ),
    'ci profiles import',
    'ci profiles import prod staging',
    'ci profiles import --all --json',
  ).action(act(() => import('./import.js')));

  examples(
    profiles.command('remove').alias('rm').description('delete a saved profile').argument('<name>'),
    'ci profiles remove old-account',
  ).action(act(() => import('./remove.js')));
}
