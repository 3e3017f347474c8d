import type { Context } from '../../lib/context.js';
import { fetchResults, type TranscriptResults } from '../../lib/results.js';
import type { CommandResult } from '../../lib/output/types.js';
import { parseSid } from '../../lib/sid.js';
import { renderResults } from '../shared/render-results.js';
import { checkWaitFlags, waitTimingOf, waitWithSpinner } from '../shared/waiting.js';
import { refuseFlags, type ResultsOptions } from './options.js';

const SEPARATOR = `\n\n${'─'.repeat(40)}\n\n`;

/** One section per transcript on screen; in JSON (and NDJSON) one flat array of OperatorResults, each naming its transcript. */
export async function classicResults(ctx: Context, options: ResultsOptions, refs: string[]): Promise<CommandResult> {
  refuseFlags(options, ['configuration', 'yes'], 'classic (v2) transcripts');
  checkWaitFlags(options);
  const sids = refs.map((sid) => parseSid(sid, 'GT'));
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
}
