import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import { fetchResults, type TranscriptResults } from '../../lib/results.js';
import { parseSid } from '../../lib/sid.js';
import { readWords } from '../../lib/stdin.js';
import { renderResults } from '../shared/render-results.js';
import { checkWaitFlags, waitTimingOf, waitWithSpinner } from '../shared/waiting.js';
import type { Run } from '../spec.js';
import type { resultsCommand } from './specs.js';

const SEPARATOR = `\n\n${'─'.repeat(40)}\n\n`;

/** One section per transcript on screen; in JSON (and NDJSON) one flat array of OperatorResults, each naming its transcript. */
export const run: Run<typeof resultsCommand> = async (ctx, options, refs) => {
  checkWaitFlags(options);
  const sids = await transcriptSids(ctx, refs);
  const client = await ctx.client();
  const reports: TranscriptResults[] = [];
  for (const sid of sids) {
    if (options.wait) await waitWithSpinner(ctx, sid, waitTimingOf(options));
    reports.push(await fetchResults(client, sid, { redacted: options.redacted, operator: options.operator }));
  }
  return {
    kind: 'view',
    json: reports.flatMap((report) => report.operatorResults),
    human: (style) => reports.map((report) => renderResults(report, style)).join(SEPARATOR),
  };
};

/** The SIDs given, or read from stdin for `-`; each checked before any request. */
async function transcriptSids(ctx: Context, refs: string[]): Promise<string[]> {
  const fromStdin = refs.includes('-');
  if (fromStdin && refs.length > 1) throw new UsageError('give transcript SIDs or -, not both');
  const sids = fromStdin ? await readWords(ctx.io.stdin) : refs;
  if (sids.length === 0) throw new UsageError('no transcript SIDs on stdin');
  return sids.map((sid) => parseSid(sid, 'GT'));
}
