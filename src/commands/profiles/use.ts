import { UsageError } from '../../lib/errors.js';
import type { Run } from '../spec.js';
import type { use } from './specs.js';

export const run: Run<typeof use> = async (ctx, _options, name) => {
  const config = await ctx.config();
  if (!config.profile(name)) {
    throw new UsageError(`no profile named "${name}"`, { hint: `known: ${Object.keys(config.profiles()).join(', ') || 'none'}` });
  }
  config.setActive(name);
  ctx.log.hint(`Active profile: ${name}`);
  return { kind: 'none' };
};
