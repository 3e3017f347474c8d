import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import type { CommandResult } from '../../lib/output/types.js';
import { fetchResults, listOperatorResults, type ResultOptions, type TranscriptResults } from '../../lib/results.js';
import { parseSid } from '../../lib/sid.js';
import { readWords } from '../../lib/stdin.js';
import { fetchTranscript } from '../../lib/transcripts.js';
import { checkWaitFlags, waitWithSpinner, type WaitFlags } from '../transcripts/waiting.js';
import { renderResults } from './render.js';

interface ResultsFlags extends ResultOptions, WaitFlags {
  json?: boolean;
  ndjson?: boolean;
}

export async function run(ctx: Context, flags: ResultsFlags, refs: string[]): Promise<CommandResult> {
  checkWaitFlags(flags);
  const sids = await transcriptSids(ctx, refs);
  const options = { redacted: flags.redacted, operator: flags.operator };
  const client = await ctx.client();
  const resultsOf = async (sid: string): Promise<TranscriptResults> => {
    if (flags.wait) await waitWithSpinner(ctx, sid, flags);
    return fetchResults(client, sid, options);
  };

  if (flags.ndjson) {
    // For pipelines: every transcript gets a line, finished or not; its status says which.
    const lines = async function* () {
      for (const sid of sids) {
        const transcript = flags.wait ? await waitWithSpinner(ctx, sid, flags) : await fetchTranscript(client, sid);
        const done = transcript.status === 'completed';
        yield {
          transcriptSid: sid,
          status: transcript.status,
          operatorResults: done ? await listOperatorResults(client, sid, options) : [],
        };
      }
    };
    return { kind: 'custom', json: null, human: () => '', ndjson: lines() };
  }
  const [onlySid, ...otherSids] = sids;
  if (onlySid !== undefined && otherSids.length === 0) {
    const report = await resultsOf(onlySid);
    return { kind: 'custom', json: report.operatorResults, human: (style) => renderResults(report, style) };
  }
  const reports: TranscriptResults[] = [];
  for (const sid of sids) reports.push(await resultsOf(sid));
  return {
    kind: 'custom',
    json: reports.map(({ transcript, operatorResults }) => ({ transcriptSid: transcript.sid, status: transcript.status, operatorResults })),
    human: (style) => reports.map((report) => renderResults(report, style)).join(`\n\n${'─'.repeat(40)}\n\n`),
  };
}

/** The SIDs given, or read from stdin for `-`; each checked before any request. */
async function transcriptSids(ctx: Context, refs: string[]): Promise<string[]> {
  const fromStdin = refs.includes('-');
  if (fromStdin && refs.length > 1) throw new UsageError('give transcript SIDs or -, not both');
  const sids = fromStdin ? await readWords(ctx.io.stdin) : refs;
  if (sids.length === 0) throw new UsageError('no transcript SIDs on stdin');
  return sids.map((sid) => parseSid(sid, 'GT'));
}
