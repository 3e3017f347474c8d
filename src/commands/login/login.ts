import { createTwilioClient } from '../../lib/client.js';
import { AuthError, UsageError, toCliError } from '../../lib/errors.js';
import { checkProfileName, profileFrom } from '../../lib/profiles.js';
import { isSid } from '../../lib/sid.js';
import type { Run } from '../spec.js';
import { DEFAULT_PROFILE, type loginCommand } from './specs.js';

export const run: Run<typeof loginCommand> = async (ctx, { accountSid: givenAccountSid }, name = DEFAULT_PROFILE) => {
  checkProfileName(name);
  if (!ctx.io.stdinIsTTY) {
    throw new UsageError('`ci login` asks questions, and stdin is not a terminal', {
      hint: 'use `ci profiles add <name> --account-sid AC… --auth-token-stdin` (token on stdin) in scripts',
    });
  }
  const prompter = await ctx.prompter();
  const accountSid =
    givenAccountSid ??
    (await prompter.input('Account SID', { validate: (v) => (isSid(v.trim(), 'AC') ? true : 'AC followed by 32 hex characters') })).trim();
  const authToken = await prompter.password('Auth token');
  const profile = profileFrom({ accountSid, authToken, apiUrl: ctx.globals.apiUrl });
  const client = await createTwilioClient(
    {
      accountSid,
      username: accountSid,
      password: authToken,
      apiUrl: profile.apiUrl,
      source: 'login',
      region: ctx.globals.region,
      edge: ctx.globals.edge,
    },
    { allowInsecureHttp: ctx.globals.allowInsecureHttp, signal: ctx.signal },
  );
  try {
    await client.intelligence.v2.services.page({ pageSize: 1 });
  } catch (err) {
    const error = toCliError(err, 'verifying the credentials');
    if (error instanceof AuthError)
      throw new AuthError('these credentials were refused; nothing was saved', { code: error.code, moreInfo: error.moreInfo });
    throw error;
  }
  const config = await ctx.config();
  config.setProfile(name, { ...profile, region: ctx.globals.region, edge: ctx.globals.edge });
  config.setActive(name);
  ctx.log.progress(`Logged in: saved profile "${name}" (active) in ${config.path}.`);
  return { kind: 'none' };
};
