import { arg, flag, verb } from '../spec.js';

const NAME = arg('<name>', 'profile name');

export const add = verb({
  name: 'add',
  summary:
    'save credentials under a name; the secret comes from stdin, TWILIO_AUTH_TOKEN / TWILIO_API_SECRET, or a prompt on a terminal; the global --region, --edge, --api-url and --generation are saved with them',
  args: [NAME],
  output: 'none',
  flags: {
    accountSid: flag.string('--account-sid <AC…>', 'account SID'),
    authTokenStdin: flag.bool('--auth-token-stdin', 'read the auth token from stdin (or use an API key)'),
    apiKey: flag.string('--api-key <SK…>', 'API key SID'),
    apiSecretStdin: flag.bool('--api-secret-stdin', 'read the API key secret from stdin'),
    authToken: flag.string('--auth-token <token>', 'auth token as an argument, which other users can see in ps: prefer --auth-token-stdin'),
    apiSecret: flag.string('--api-secret <secret>', 'API key secret as an argument (visible in ps): prefer --api-secret-stdin'),
    service: flag.string('--service <GA…>', 'default service for commands that need one'),
    activate: flag.bool('--activate', 'make it the active profile'),
    overwrite: flag.bool('--overwrite', 'replace a profile of that name (all of it: its API URL, region and service too)'),
  },
  examples: [
    'ci profiles add prod --account-sid AC… --api-key SK… --api-secret-stdin < secret.txt',
    'ci profiles add test --account-sid AC… --service GA… --activate      # asks for the auth token',
    'printenv LOCAL_TOKEN | ci profiles add local --account-sid AC… --auth-token-stdin --api-url http://127.0.0.1:4010',
  ],
});

export const list = verb({
  name: 'list',
  aliases: ['ls'],
  summary: 'list profiles (secrets masked)',
  output: 'list',
  examples: ['ci profiles list'],
});

export const use = verb({
  name: 'use',
  summary: 'make a profile the active one',
  args: [NAME],
  output: 'none',
  examples: ['ci profiles use prod'],
});

export const importProfiles = verb({
  name: 'import',
  summary: "import profiles from twilio-cli's ~/.twilio-cli/config.json (read only; asks which on a terminal)",
  args: [arg('[names...]', 'twilio-cli profile names to import')],
  output: 'list',
  flags: {
    all: flag.bool('--all', 'import every profile found'),
    overwrite: flag.bool('--overwrite', 'replace ci profiles that have the same name'),
    from: flag.string('--from <file>', "twilio-cli's config file (default: ~/.twilio-cli/config.json)"),
  },
  examples: ['ci profiles import', 'ci profiles import prod staging', 'ci profiles import --all --json'],
});

export const remove = verb({
  name: 'remove',
  aliases: ['rm'],
  summary: 'delete a saved profile',
  args: [NAME],
  output: 'none',
  examples: ['ci profiles remove old-account'],
});
