import { confirmDestructive } from '../../lib/confirm.js';
import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import type { CommandResult } from '../../lib/output/types.js';
import { assertOperatorResultId, deleteOperatorResult } from '../../lib/results-v3.js';
import { onlyV3 } from '../shared/generation.js';
import { refuseFlags, type ResultsOptions } from './options.js';

/** `ci results delete intelligence_operatorresult_…`: v3 only (classic results go with their transcript). */
export async function deleteResults(ctx: Context, options: ResultsOptions, ids: string[]): Promise<CommandResult> {
  onlyV3(ctx, 'operator result deletions');
  refuseFlags(options, ['operator', 'configuration', 'redacted', 'wait', 'timeout', 'interval'], '`ci results delete`');
  if (ids.length === 0) throw new UsageError('`ci results delete` needs operator result IDs (intelligence_operatorresult_…)');
  ids.forEach(assertOperatorResultId);
  const client = await ctx.client();
  const what = ids.length === 1 ? `operator result ${ids[0] ?? ''}` : `${ids.length} operator results`;
  await confirmDestructive(ctx, `delete ${what}`, options.yes);
  for (const id of ids) {
    await deleteOperatorResult(client, id);
    ctx.log.hint(`Deleted operator result ${id}.`);
  }
  return { kind: 'none' };
}
