import type { Context } from '../../lib/context.js';
import { detachOperators } from '../../lib/operators.js';
import type { CommandResult } from '../../lib/output/types.js';
import { attachmentResult } from './fields.js';

export async function run(ctx: Context, _flags: object, service: string, operators: string[]): Promise<CommandResult> {
  return attachmentResult(await detachOperators(await ctx.client(), service, operators), ctx.io.columns);
}
