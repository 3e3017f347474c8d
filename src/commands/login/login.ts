import { createTwilioClient } from '../../lib/client.js';
import { AuthError, UsageError, toCliError } from '../../lib/errors.js';
import { checkProfileName, profileFrom } from '../../lib/profiles.js';
import type { Prompter } from '../../lib/prompter.js';
import { isSid } from '../../lib/sid.js';
import type { Run } from '../spec.js';
import { DEFAULT_PROFILE, type loginCommand } from './specs.js';

export const run: Run<typeof loginCommand> = async (ctx, flags, name = DEFAULT_PROFILE) => {
  checkProfileName(name);
  if (!ctx.io.stdinIsTTY) {
    throw new UsageError('`ci login` asks questions, and stdin is not a terminal', {
      hint: 'use `ci profiles add <name> --account-sid AC… --auth-token …` in scripts',
    });
  }
  const prompter = await ctx.prompter();
  const accountSid =
    flags.accountSid ??
    (await prompter.input('Account SID', { validate: (v) => (isSid(v.trim(), 'AC') ? true : 'AC followed by 32 hex characters') })).trim();
  const secret = await askSecret(prompter);
  const profile = profileFrom({ accountSid, ...secret, apiUrl: ctx.globals.apiUrl });
  const client = await createTwilioClient(
    {
      accountSid,
      username: secret.apiKey ?? accountSid,
      password: secret.apiSecret ?? secret.authToken ?? '',
      apiUrl: profile.apiUrl,
      source: 'login',
      region: ctx.globals.region,
      edge: ctx.globals.edge,
    },
    { env: ctx.env, allowInsecureHttp: ctx.globals.allowInsecureHttp, signal: ctx.signal },
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

const required = (what: string) => (value: string) => (value.trim() ? true : `${what} is required`);

/** The account's auth token, or an API key (SK…) and its secret: the two ways Twilio accepts. */
async function askSecret(prompter: Prompter): Promise<{ authToken?: string; apiKey?: string; apiSecret?: string }> {
  const how = await prompter.select('Sign in with', [
    { name: 'Auth token', value: 'authToken' as const, description: "the account's auth token (Console → Account info)" },
    { name: 'API key', value: 'apiKey' as const, description: 'an API key SID (SK…) and its secret, which you can revoke alone' },
  ]);
  if (how === 'authToken') return { authToken: await prompter.password('Auth token', { validate: required('the auth token') }) };
  const apiKey = (
    await prompter.input('API key SID', { validate: (v) => (isSid(v.trim(), 'SK') ? true : 'SK followed by 32 hex characters') })
  ).trim();
  return { apiKey, apiSecret: await prompter.password('API key secret', { validate: required('the API key secret') }) };
}
