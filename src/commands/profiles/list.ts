import { maskedProfile } from '../../lib/profiles.js';
import type { Run } from '../spec.js';
import type { list } from './specs.js';

export const run: Run<typeof list> = async (ctx) => {
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
};
