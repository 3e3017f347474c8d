import { UsageError } from '../../lib/errors.js';
import type { Run } from '../spec.js';
import type { remove } from './specs.js';

export const run: Run<typeof remove> = async (ctx, _options, name) => {
  const config = await ctx.config();
  if (!config.profile(name)) throw new UsageError(`no profile named "${name}"`);
  config.removeProfile(name);
  ctx.log.hint(`Removed profile "${name}".`);
  return { kind: 'none' };
};
