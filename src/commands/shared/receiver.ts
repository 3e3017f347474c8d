// The /ci-webhook endpoint shared by `ci webhook listen` and `ci serve`: each verified event
// becomes an output line, then the follow-ups the user asked for run, one event at a time
// (a replayed delivery is answered by the server without reaching this endpoint).
import type { Channel } from '../../lib/channel.js';
import type { ReceiverFlags } from './server-flags.js';
import type { Context } from '../../lib/context.js';
import { toCliError } from '../../lib/errors.js';
import type { OutputEvent } from '../../lib/output/types.js';
import { fetchResults } from '../../lib/results.js';
import { parseSid } from '../../lib/sid.js';
import { forwardRequest, runExec } from '../../lib/webhooks/followups.js';
import { OK_JSON, type Endpoint, type VerifiedRequest } from '../../lib/webhooks/signed-server.js';
import { transcriptEventOf, type TranscriptEvent } from '../../lib/webhooks/transcript-event.js';
import { renderResults } from '../shared/render-results.js';

function clock(date: Date): string {
  return date.toISOString().slice(11, 19);
}

function webhookLine(event: TranscriptEvent, receivedAt: Date): OutputEvent {
  return {
    human: (style) =>
      [
        style.dim(clock(receivedAt)),
        style.cyan(event.eventType || '(no event_type)'),
        event.transcriptSid || '-',
        event.customerKey || '-',
      ].join('  '),
    json: { event: 'webhook', receivedAt: receivedAt.toISOString(), ...event },
  };
}

/**
 * `finished` is called once, after the first event's follow-ups, when --once is set.
 * Events that arrive after that are still answered 200 (Twilio must not retry them) but not handled.
 */
export function webhookEndpoint(
  ctx: Context,
  flags: ReceiverFlags,
  path: string,
  events: Channel<OutputEvent>,
  finished: () => void,
): Endpoint {
  let handled = 0;
  const followUps = async (event: TranscriptEvent, request: VerifiedRequest) => {
    if (flags.fetchResults) {
      try {
        const report = await fetchResults(await ctx.client(), parseSid(event.transcriptSid, 'GT', 'transcript_sid'));
        events.push({
          human: (style) => renderResults(report, style),
          json: { event: 'results', transcriptSid: event.transcriptSid, operatorResults: report.operatorResults },
        });
      } catch (error) {
        ctx.log.warn(`could not fetch the results of ${event.transcriptSid || 'the event'}: ${toCliError(error).message}`);
      }
    }
    if (flags.forwardTo) {
      const target = flags.forwardTo;
      try {
        const status = await forwardRequest(target, request);
        events.push({
          human: (style) => style.dim(`  → forwarded to ${target}: ${status}`),
          json: { event: 'forwarded', url: target, status },
        });
      } catch (error) {
        ctx.log.warn(`could not forward to ${target}: ${toCliError(error).message}`);
      }
    }
    if (flags.exec) {
      try {
        const code = await runExec(flags.exec, event, ctx.env, ctx.io.stderr);
        if (code !== 0) ctx.log.warn(`--exec command exited with ${code} for ${event.transcriptSid || 'the event'}`);
      } catch (error) {
        ctx.log.warn(`--exec command could not start: ${toCliError(error).message}`);
      }
    }
  };
  return {
    path,
    // A service's webhook method may be GET (parameters in the query) or POST.
    methods: ['POST', 'GET'],
    deliveries: true,
    handle(request) {
      if (flags.once && handled > 0) return OK_JSON;
      handled++;
      const event = transcriptEventOf(request.params);
      events.push(webhookLine(event, ctx.now()));
      return {
        ...OK_JSON,
        // The server runs follow-ups one at a time, in arrival order.
        afterwards: async () => {
          await followUps(event, request);
          if (flags.once) finished();
        },
      };
    },
  };
}
