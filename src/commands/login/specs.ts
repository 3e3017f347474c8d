import { TOP_LEVEL } from '../manifest.js';
import { arg, flag, verb } from '../spec.js';

/** The profile `ci login` saves when no name is given. */
export const DEFAULT_PROFILE = 'default';

export const loginCommand = verb({
  ...TOP_LEVEL.login,
  args: [arg('[name]', `profile name (default: "${DEFAULT_PROFILE}")`)],
  output: 'none',
  flags: { accountSid: flag.string('--account-sid <AC…>', 'account SID (asked when missing)') },
  examples: ['ci login', 'ci login work --account-sid AC0123456789abcdef0123456789abcdef'],
});
