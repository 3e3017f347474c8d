import type { ConfigStore } from '../../lib/config.js';
import { UsageError } from '../../lib/errors.js';
import { checkProfileName, profileFrom, profileSecrets } from '../../lib/profiles.js';
import { secretInputsOf } from '../../lib/secrets.js';
import type { Run } from '../spec.js';
import type { add } from './specs.js';

/** Replacing a profile loses what it had (its API URL, region, service): only when asked. */
function checkNameFree(config: ConfigStore, name: string, overwrite: boolean | undefined): void {
  if (overwrite || !config.profile(name)) return;
  throw new UsageError(`a profile named "${name}" already exists`, {
    hint: `pass --overwrite to replace it, or \`ci profiles remove ${name}\` first`,
  });
}

export const run: Run<typeof add> = async (ctx, flags, name) => {
  // --region, --edge and --api-url are global flags: commander hands them to the root command.
  const { region, edge, apiUrl, generation } = ctx.globals;
  if (apiUrl) (await import('../../lib/client.js')).parseApiUrl(apiUrl, ctx.globals.allowInsecureHttp);
  checkNameFree(await ctx.config(), checkProfileName(name), flags.overwrite);
  const secrets = await profileSecrets(flags, secretInputsOf(ctx, { prompt: true }));
  const profile = profileFrom({ ...flags, ...secrets, region, edge, apiUrl, generation });
  const config = await ctx.config();
  config.setProfile(checkProfileName(name), profile);
  if (flags.activate) config.setActive(name);
  ctx.log.hint(`Saved profile "${name}" in ${config.path}${config.activeProfile === name ? ' (active)' : ''}.`);
  return { kind: 'none' };
};
