import { detachOperators } from '../../lib/operators.js';
import type { Run } from '../spec.js';
import { attachmentResult } from './fields.js';
import type { detach } from './specs.js';

export const run: Run<typeof detach> = async (ctx, _options, service, operators) =>
  attachmentResult(await detachOperators(await ctx.client(), service, operators), ctx.io.columns);
