// The /ci-webhook endpoint shared by `ci webhook listen` and `ci serve`: each verified event — a v2 transcript
// event or a v3 rule-execution payload — becomes an output line, then the follow-ups the user asked for run, one event at a time
// (a replayed delivery is answered by the server without reaching this endpoint).
import type { Channel } from '../../lib/channel.js';
import type { ReceiverFlags } from './server-flags.js';
import type { Context } from '../../lib/context.js';
import { toCliError } from '../../lib/errors.js';
import type { OutputEvent } from '../../lib/output/types.js';
import { fetchResults } from '../../lib/results.js';
import { parseSid } from '../../lib/sid.js';
import { listOperatorResults, renderConversationResults } from '../../lib/results-v3.js';
import { listOperators } from '../../lib/v3/operators.js';
import { forwardRequest, runExec } from '../../lib/webhooks/followups.js';
import {
  RULE_EXECUTION,
  ruleExecutionEnvironment,
  ruleExecutionEventOf,
  type RuleExecutionEvent,
} from '../../lib/webhooks/rule-execution-event.js';
import { OK_JSON, type Endpoint, type VerifiedRequest } from '../../lib/webhooks/signed-server.js';
import { eventEnvironment, transcriptEventOf, type TranscriptEvent } from '../../lib/webhooks/transcript-event.js';
import { renderResults } from '../shared/render-results.js';

/** What arrives: a v2 transcript event (form or query parameters), or a v3 rule execution (a JSON body). */
type ReceivedEvent = { kind: 'transcript'; event: TranscriptEvent } | { kind: 'rule-execution'; event: RuleExecutionEvent };

function receivedEventOf(request: VerifiedRequest): ReceivedEvent {
  const contentType = request.headers['content-type'] ?? '';
  const ruleExecution = ruleExecutionEventOf(contentType, request.body);
  return ruleExecution
    ? { kind: 'rule-execution', event: ruleExecution }
    : { kind: 'transcript', event: transcriptEventOf(request.params) };
}

/** How warnings name the event: its transcript or conversation. */
function subjectOf(received: ReceivedEvent): string {
  return (received.kind === 'transcript' ? received.event.transcriptSid : received.event.conversationId) || 'the event';
}

function clock(date: Date): string {
  return date.toISOString().slice(11, 19);
}

function webhookLine(received: ReceivedEvent, receivedAt: Date): OutputEvent {
  if (received.kind === 'rule-execution') return ruleExecutionLine(received.event, receivedAt);
  const { event } = received;
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

function ruleExecutionLine(event: RuleExecutionEvent, receivedAt: Date): OutputEvent {
  const count = event.operatorResults.length;
  return {
    human: (style) =>
      [
        style.dim(clock(receivedAt)),
        style.cyan(RULE_EXECUTION),
        event.conversationId || '-',
        event.intelligenceConfiguration.displayName || event.intelligenceConfiguration.id || '-',
        `${count} operator result${count === 1 ? '' : 's'}`,
      ].join('  '),
    json: { event: 'rule-execution', receivedAt: receivedAt.toISOString(), ...event },
  };
}

/** --fetch-results: a transcript's results (v2), or the conversation's results (v3) as `ci results` shows them. */
async function resultsEvent(ctx: Context, received: ReceivedEvent): Promise<OutputEvent> {
  const client = await ctx.client();
  if (received.kind === 'transcript') {
    const { transcriptSid } = received.event;
    const report = await fetchResults(client, parseSid(transcriptSid, 'GT', 'transcript_sid'));
    return {
      human: (style) => renderResults(report, style),
      json: { event: 'results', transcriptSid, operatorResults: report.operatorResults },
    };
  }
  const { conversationId } = received.event;
  const results = await listOperatorResults(client, { conversationId });
  const names = new Map((await listOperators(client)).map((operator) => [String(operator.id), String(operator.displayName)]));
  return {
    human: (style) => renderConversationResults(conversationId, results, names, style),
    json: { event: 'results', conversationId, operatorResults: results },
  };
}

/** The results of what the event is about, as an output line; a failure is warned, not thrown. */
async function pushResults(ctx: Context, received: ReceivedEvent, events: Channel<OutputEvent>): Promise<void> {
  try {
    events.push(await resultsEvent(ctx, received));
  } catch (error) {
    ctx.log.warn(`could not fetch the results of ${subjectOf(received)}: ${toCliError(error).message}`);
  }
}

/** --forward-to: the request as received, to `target`; a failure is warned, not thrown. */
async function forwardTo(ctx: Context, target: string, request: VerifiedRequest, events: Channel<OutputEvent>): Promise<void> {
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

/** --exec: the command, with the event in its environment; a failure is warned, not thrown. */
async function execFor(ctx: Context, command: string, received: ReceivedEvent): Promise<void> {
  try {
    const environment = received.kind === 'transcript' ? eventEnvironment(received.event) : ruleExecutionEnvironment(received.event);
    const code = await runExec(command, environment, ctx.env, ctx.io.stderr);
    if (code !== 0) ctx.log.warn(`--exec command exited with ${code} for ${subjectOf(received)}`);
  } catch (error) {
    ctx.log.warn(`--exec command could not start: ${toCliError(error).message}`);
  }
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
  const followUps = async (received: ReceivedEvent, request: VerifiedRequest) => {
    if (flags.fetchResults) await pushResults(ctx, received, events);
    if (flags.forwardTo) await forwardTo(ctx, flags.forwardTo, request, events);
    if (flags.exec) await execFor(ctx, flags.exec, received);
  };
  return {
    path,
    // A service's webhook method may be GET (parameters in the query) or POST.
    methods: ['POST', 'GET'],
    deliveries: true,
    handle(request) {
      if (flags.once && handled > 0) return OK_JSON;
      handled++;
      const received = receivedEventOf(request);
      events.push(webhookLine(received, ctx.now()));
      return {
        ...OK_JSON,
        // The server runs follow-ups one at a time, in arrival order.
        afterwards: async () => {
          await followUps(received, request);
          if (flags.once) finished();
        },
      };
    },
  };
}
