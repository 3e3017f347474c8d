import { checkProfileName, profileFrom, profileSecrets } from '../../lib/profiles.js';
import { secretInputsOf } from '../../lib/secrets.js';
import type { Run } from '../spec.js';
import type { add } from './specs.js';

export const run: Run<typeof add> = async (ctx, flags, name) => {
  // --region, --edge and --api-url are global flags: commander hands them to the root command.
  const { region, edge, apiUrl, generation } = ctx.globals;
  if (apiUrl) (await import('../../lib/client.js')).parseApiUrl(apiUrl, ctx.globals.allowInsecureHttp);
  const secrets = await profileSecrets(flags, secretInputsOf(ctx, { prompt: true }));
  const profile = profileFrom({ ...flags, ...secrets, region, edge, apiUrl, generation });
  const config = await ctx.config();
  config.setProfile(checkProfileName(name), profile);
  if (flags.activate) config.setActive(name);
  ctx.log.hint(`Saved profile "${name}" in ${config.path}${config.activeProfile === name ? ' (active)' : ''}.`);
  return { kind: 'none' };
};
