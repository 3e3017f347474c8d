import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import type { CommandResult } from '../../lib/output/types.js';

export async function run(ctx: Context, _flags: object, name: string): Promise<CommandResult> {
  const config = await ctx.config();
  if (!config.profile(name)) throw new UsageError(`no profile named "${name}"`);
  config.removeProfile(name);
  ctx.log.hint(`Removed profile "${name}".`);
  return { kind: 'none' };
}
