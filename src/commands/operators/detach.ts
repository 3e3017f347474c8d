import { detachOperators } from '../../lib/operators.js';
import type { Run } from '../spec.js';
import { attachmentResult } from './fields.js';
import { noteUnchanged } from './unchanged.js';
import type { detach } from './specs.js';

export const run: Run<typeof detach> = async (ctx, _options, service, operators) => {
  const report = await detachOperators(await ctx.client(), service, operators);
  noteUnchanged(ctx.log, report, service);
  return attachmentResult(report, ctx.io.columns);
};
