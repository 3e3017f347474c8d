import { attachOperators } from '../../lib/operators.js';
import type { Run } from '../spec.js';
import { attachmentResult } from './fields.js';
import { noteUnchanged } from './unchanged.js';
import type { attach } from './specs.js';

export const run: Run<typeof attach> = async (ctx, _options, service, operators) => {
  const report = await attachOperators(await ctx.client(), service, operators);
  noteUnchanged(ctx.log, report, service);
  return attachmentResult(report, ctx.io.columns);
};
