import type { Context } from '../../lib/context.js';
import type { CommandResult } from '../../lib/output/types.js';
import { maskedProfile } from '../../lib/profiles.js';

export async function run(ctx: Context): Promise<CommandResult> {
  const config = await ctx.config();
  const rows = Object.entries(config.profiles()).map(([name, profile]) => maskedProfile(name, profile, name === config.activeProfile));
  if (rows.length === 0) ctx.log.hint('No profiles yet: `ci login`, `ci profiles add`, or `ci emulator start`.');
  return {
    kind: 'list',
    rows,
    columns: [
      { key: 'name' },
      { key: 'active', format: (active) => (active ? '*' : '') },
      { key: 'accountSid', header: 'ACCOUNT SID' },
      { key: 'auth' },
      { key: 'secret' },
      { key: 'region' },
      { key: 'apiUrl', header: 'API URL' },
      { key: 'serviceSid', header: 'SERVICE' },
    ],
  };
}
