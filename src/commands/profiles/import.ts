import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import { readTwilioCliProfiles, twilioCliConfigPath, type FoundProfile } from '../../lib/twilio-cli-profiles.js';
import type { OptionsOf, Run } from '../spec.js';
import type { importProfiles } from './specs.js';

/** Which profiles to import: the named ones, --all, or (on a terminal) the ones ticked in a list. */
async function choose(
  ctx: Context,
  found: FoundProfile[],
  names: string[],
  flags: OptionsOf<typeof importProfiles>,
): Promise<FoundProfile[]> {
  const listing = found.map((profile) => profile.name).join(', ');
  if (names.length && flags.all) throw new UsageError('give profile names or --all, not both');
  if (flags.all) return found;
  if (names.length) {
    const unknown = names.filter((name) => !found.some((profile) => profile.name === name));
    if (unknown.length) throw new UsageError(`not in twilio-cli's profiles: ${unknown.join(', ')}`, { hint: `found: ${listing}` });
    return found.filter((profile) => names.includes(profile.name));
  }
  if (!ctx.io.stdinIsTTY) {
    throw new UsageError('name the profiles to import, or pass --all (stdin is not a terminal)', { hint: `found: ${listing}` });
  }
  const prompter = await ctx.prompter();
  const choices = found.map((profile) => ({
    name: `${profile.name}  ${profile.accountSid}${profile.problem ? `  (cannot import: ${profile.problem})` : ''}`,
    value: profile,
    checked: !profile.problem,
  }));
  return prompter.checkbox('Profiles to import from twilio-cli', choices);
}

export const run: Run<typeof importProfiles> = async (ctx, flags, names) => {
  const path = flags.from ?? twilioCliConfigPath(ctx.env);
  const found = await readTwilioCliProfiles(path);
  const chosen = await choose(ctx, found, names, flags);
  const config = await ctx.config();
  const rows = found.map((profile) => {
    let result = 'not chosen';
    if (chosen.includes(profile)) {
      if (!profile.profile) result = `skipped: ${profile.problem}`;
      else if (config.profile(profile.name) && !flags.overwrite) result = 'skipped: a ci profile has this name (pass --overwrite)';
      else {
        config.setProfile(profile.name, profile.profile);
        result = 'imported';
      }
    }
    const { name, accountSid, apiKey, region, edge, active } = profile;
    return { name, accountSid, apiKey: apiKey ?? null, region: region ?? null, edge: edge ?? null, activeInTwilioCli: active, result };
  });
  ctx.log.hint(`Read ${path} (left unchanged); profiles are saved in ${config.path}.`);
  return {
    kind: 'list',
    rows,
    columns: [
      { key: 'name' },
      { key: 'accountSid', header: 'ACCOUNT SID' },
      { key: 'apiKey', header: 'API KEY' },
      { key: 'region' },
      { key: 'edge' },
      { key: 'result' },
    ],
  };
};
