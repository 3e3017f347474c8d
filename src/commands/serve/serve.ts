import { Channel } from '../../lib/channel.js';
import { loadVoiceResponse } from '../../lib/client.js';
import type { Context } from '../../lib/context.js';
import { UsageError, toCliError } from '../../lib/errors.js';
import { parsePhoneNumber, setVoiceUrl } from '../../lib/phone-numbers.js';
import { resolveServiceSid } from '../../lib/services.js';
import { isSid } from '../../lib/sid.js';
import { transcribe, type TranscribeOutcome } from '../../lib/transcripts.js';
import type { CommandResult, OutputEvent } from '../../lib/output/types.js';
import { signingAuthToken } from '../../lib/webhooks/auth-token.js';
import { SEED_CALL_SCRIPT, incomingCallTwiml, type CallScript } from '../../lib/webhooks/call-twiml.js';
import { OK_JSON, type Endpoint } from '../../lib/webhooks/signed-server.js';
import type { Params } from '../../lib/webhooks/verify.js';
import { startEventServer, type ServerFlags } from '../webhook/event-server.js';
import { webhookEndpoint, type ReceiverFlags } from '../webhook/receiver.js';

export interface ServeFlags extends ReceiverFlags, ServerFlags {
  authToken?: string;
  service?: string;
  phoneNumber?: string;
  greeting?: string;
  thanks?: string;
  language?: string;
  voice?: string;
  timeout?: number;
  maxLength?: number;
  playBeep: boolean;
}

const PATHS = { incomingCall: '/incoming-call', recordingStatus: '/recording-status', webhook: '/ci-webhook' } as const;

function param(params: Params, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The seed's settings, each replaced by the flag that names it. */
function callScript(flags: ServeFlags, recordingStatusUrl: string): CallScript {
  return {
    greeting: flags.greeting ?? SEED_CALL_SCRIPT.greeting,
    thanks: flags.thanks ?? SEED_CALL_SCRIPT.thanks,
    language: flags.language ?? SEED_CALL_SCRIPT.language,
    greetingVoice: flags.voice,
    thanksVoice: flags.voice ?? SEED_CALL_SCRIPT.thanksVoice,
    timeout: flags.timeout ?? SEED_CALL_SCRIPT.timeout,
    maxLength: flags.maxLength ?? SEED_CALL_SCRIPT.maxLength,
    playBeep: flags.playBeep,
    recordingStatusUrl,
  };
}

function transcriptLine(outcome: TranscribeOutcome, transcriptSid: string, recordingSid: string, callSid: string | null): OutputEvent {
  return {
    human: (style) => `${style.cyan('transcript')}  ${transcriptSid}  ${outcome === 'created' ? 'created' : 'already exists'} for ${recordingSid} (call ${callSid ?? '?'})`,
    json: { event: 'transcript', outcome, transcriptSid, recordingSid, callSid },
  };
}

export async function run(ctx: Context, flags: ServeFlags): Promise<CommandResult> {
  if (flags.language !== undefined && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(flags.language)) {
    throw new UsageError(`--language must be a language tag such as ja-JP or en-US (got "${flags.language}")`);
  }
  if (flags.phoneNumber) parsePhoneNumber(flags.phoneNumber, '--phone-number');
  const credentials = await ctx.credentials();
  if (flags.phoneNumber && !credentials.apiUrl && !flags.publicUrl) {
    throw new UsageError('Twilio cannot call a server on this machine directly', { hint: 'start a tunnel and pass its URL with --public-url (see docs/webhooks.md)' });
  }
  const authToken = flags.authToken ?? signingAuthToken(credentials);
  const serviceRef = flags.service ?? credentials.serviceSid;
  if (!serviceRef) throw new UsageError('ci serve needs the service that transcribes the recordings', { hint: 'pass --service <GA… or unique name>' });
  const client = await ctx.client();
  const serviceSid = await resolveServiceSid(client, serviceRef);
  const VoiceResponse = await loadVoiceResponse();
  const events = new Channel<OutputEvent>();
  let script: CallScript | undefined;

  const incomingCall: Endpoint = {
    path: PATHS.incomingCall,
    methods: ['POST', 'GET'],
    handle({ params }) {
      const callSid = param(params, 'CallSid') ?? '';
      const recordingSid = param(params, 'RecordingSid');
      events.push({
        human: (style) =>
          recordingSid
            ? `${style.cyan('call')}  ${callSid}  recorded ${recordingSid}, hanging up`
            : `${style.cyan('call')}  ${callSid}  ${param(params, 'From') ?? '?'} → ${param(params, 'To') ?? '?'}, recording`,
        json: { event: 'call', callSid, from: param(params, 'From') ?? null, to: param(params, 'To') ?? null, recordingSid: recordingSid ?? null },
      });
      return { status: 200, contentType: 'text/xml', body: incomingCallTwiml(VoiceResponse, script!, recordingSid) };
    },
  };

  // The seed's /ci-create-transcript: one transcript per recording, CallSid as the customer key.
  const recordingStatus: Endpoint = {
    path: PATHS.recordingStatus,
    methods: ['POST', 'GET'],
    handle({ params }) {
      const recordingSid = param(params, 'RecordingSid');
      const callSid = param(params, 'CallSid');
      if (!recordingSid || !isSid(recordingSid, 'RE')) {
        ctx.log.warn(`recording-status without a valid RecordingSid (${recordingSid ?? 'none'}): nothing to transcribe`);
        return OK_JSON;
      }
      return {
        ...OK_JSON,
        afterwards: async () => {
          try {
            const { outcome, transcript } = await transcribe(client, { serviceSid, source: { recordingSid }, customerKey: callSid });
            events.push(transcriptLine(outcome, String(transcript.sid), recordingSid, callSid ?? null));
          } catch (error) {
            ctx.log.warn(`could not transcribe ${recordingSid}: ${toCliError(error).message}`);
          }
        },
      };
    },
  };

  const { server, stop } = await startEventServer(ctx, flags, authToken, events, (stopOnce) => [
    incomingCall,
    recordingStatus,
    webhookEndpoint(ctx, flags, PATHS.webhook, events, () => void stopOnce()),
  ]);
  script = callScript(flags, `${server.baseUrl}${PATHS.recordingStatus}`);
  const voiceUrl = `${server.baseUrl}${PATHS.incomingCall}`;
  if (flags.phoneNumber) {
    try {
      await setVoiceUrl(client, flags.phoneNumber, voiceUrl);
    } catch (error) {
      await stop();
      throw error;
    }
  }
  events.push({
    human: (style) =>
      [
        `listening on ${server.localUrl}   ${style.dim(`(transcribing with ${serviceSid})`)}`,
        flags.phoneNumber
          ? `voice URL    ${voiceUrl}   ${style.dim(`(set as ${flags.phoneNumber}'s "A call comes in" webhook)`)}`
          : `voice URL    ${voiceUrl}   ${style.dim('(the number\'s "A call comes in" webhook, HTTP POST)')}`,
        `webhook URL  ${server.baseUrl}${PATHS.webhook}   ${style.dim('(ci webhook set <service> <url>)')}`,
      ].join('\n'),
    json: { event: 'listening', url: server.localUrl, serviceSid, phoneNumber: flags.phoneNumber ?? null, voiceUrl, webhookUrl: `${server.baseUrl}${PATHS.webhook}` },
  });
  return { kind: 'events', events, piped: 'ndjson' };
}
