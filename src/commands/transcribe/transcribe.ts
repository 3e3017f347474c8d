import { UsageError } from '../../lib/errors.js';
import { listOperatorResults } from '../../lib/results.js';
import { resolveServiceSid } from '../../lib/services.js';
import { parseIsoDateTime } from '../../lib/time.js';
import { checkCustomerKey, parseParticipants, transcribe } from '../../lib/transcripts.js';
import { renderResults } from '../shared/render-results.js';
import { TRANSCRIPT_COLUMNS } from '../shared/transcript-columns.js';
import { checkWaitFlags, waitTimingOf, waitWithSpinner } from '../shared/waiting.js';
import type { Run } from '../spec.js';
import { checkBulkFlags, runBulk } from './bulk.js';
import { sourceOf } from './source.js';
import type { Context } from '../../lib/context.js';
import { generationFor, onlyV3 } from '../shared/generation.js';
import type { transcribeCommand } from './specs.js';

export const run: Run<typeof transcribeCommand> = async (ctx, flags, recording) => {
  checkBulkFlags(flags, recording);
  if (await isV3(ctx, flags)) return (await import('./v3.js')).runV3(ctx, flags, recording);
  checkWaitFlags(flags);
  if (!flags.close) throw new UsageError('--no-close applies to v3 conversations only: give --conversation-configuration');
  const serviceSidOf = async () => {
    const serviceRef = flags.service ?? (await ctx.credentials()).serviceSid;
    if (!serviceRef)
      throw new UsageError('which service? give --service', { hint: 'or set TWILIO_CI_SERVICE_SID, or a service in the profile' });
    return resolveServiceSid(await ctx.client(), serviceRef);
  };
  if (flags.fromFile !== undefined) {
    return runBulk(ctx, { ...flags, fromFile: flags.fromFile }, async () => {
      const serviceSid = await serviceSidOf();
      const client = await ctx.client();
      const { transcribeAll, waitForAll } = await import('../../lib/bulk.js');
      return {
        noun: 'transcripts',
        lines: (items, options) => transcribeAll(client, items, { ...options, serviceSid }),
        idOf: (line) => line.transcriptSid,
        waitForAll: (sids, concurrency, wait) => waitForAll(client, sids, concurrency, wait),
      };
    });
  }
  const source = sourceOf(recording, flags);
  const participants = parseParticipants(flags.participant ?? []);
  checkCustomerKey(flags.customerKey);
  const mediaStartTime = flags.mediaStartTime === undefined ? undefined : parseDate(flags.mediaStartTime);
  const serviceSid = await serviceSidOf();
  const client = await ctx.client();

  const { outcome, transcript, deletedSid } = await transcribe(client, {
    serviceSid,
    source,
    customerKey: flags.customerKey,
    participants,
    mediaStartTime,
    force: flags.force,
  });
  const sid = String(transcript.sid);
  if (deletedSid) ctx.log.note(`Deleted transcript ${deletedSid} of ${recording ?? 'the recording'} (--force).`);
  if (outcome === 'exists')
    ctx.log.warn(
      `${recording} already has transcript ${sid} (${String(transcript.status)}); showing it. Use --force to transcribe it again.`,
    );
  else ctx.log.hint(`Queued transcript ${sid}.`);
  if (!flags.wait) {
    ctx.log.hint(`Next: ci results ${sid} --wait`);
    return { kind: 'item', data: transcript, columns: TRANSCRIPT_COLUMNS };
  }
  const completed = await waitWithSpinner(ctx, sid, waitTimingOf(flags));
  const report = { transcript: completed, operatorResults: await listOperatorResults(client, sid) };
  return { kind: 'view', json: report, human: (style) => renderResults(report, style) };
};

/**
 * The generation rule (a recording SID says nothing): --conversation-configuration means v3, and an explicit
 * classic with it is refused; otherwise --service (a GA… SID decides) or what the flag, environment or profile set.
 */
async function isV3(ctx: Context, flags: { conversationConfiguration?: string; service?: string }): Promise<boolean> {
  if (flags.conversationConfiguration !== undefined) {
    onlyV3(ctx, 'conversation configurations');
    return true;
  }
  return flags.service === undefined && (await generationFor(ctx)) === 'v3';
}

function parseDate(value: string): Date {
  return parseIsoDateTime(value, '--media-start-time');
}
