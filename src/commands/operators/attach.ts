import { attachOperators } from '../../lib/operators.js';
import type { Run } from '../spec.js';
import { attachmentResult } from './fields.js';
import type { attach } from './specs.js';

export const run: Run<typeof attach> = async (ctx, _options, service, operators) =>
  attachmentResult(await attachOperators(await ctx.client(), service, operators), ctx.io.columns);
