import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import { readWords } from '../../lib/stdin.js';
import { generationFor } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { classicResults } from './classic.js';
import type { resultsCommand } from './specs.js';

/**
 * `ci results ID…`: the generation comes from the IDs (GT… classic, conv_conversation_… v3; both at once is
 * exit 2), else --generation and the profile. `ci results delete ID…` deletes v3 results: `delete` is
 * never a SID or an ID, so it cannot be read as one. The v3 paths load on use: they bring the operator
 * schema checker (ajv), which classic results never need.
 */
export const run: Run<typeof resultsCommand> = async (ctx, options, refs) => {
  if (refs[0] === 'delete') return (await import('./delete.js')).deleteResults(ctx, options, refs.slice(1));
  const ids = await idsOf(ctx, refs);
  const generation = await generationFor(ctx, ...ids);
  return generation === 'v3' ? (await import('./v3.js')).v3Results(ctx, options, ids) : classicResults(ctx, options, ids);
};

/** The IDs given, or read from stdin for `-`. */
async function idsOf(ctx: Context, refs: string[]): Promise<string[]> {
  const fromStdin = refs.includes('-');
  if (fromStdin && refs.length > 1) throw new UsageError('give IDs or -, not both');
  const ids = fromStdin ? await readWords(ctx.io.stdin) : refs;
  if (ids.length === 0) throw new UsageError('no transcript SIDs on stdin (nor v3 conversation IDs)');
  return ids;
}
