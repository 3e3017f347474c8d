// The seed's /incoming-call and /ci-create-transcript Functions, as endpoints of `ci serve`.
import type { Twilio } from 'twilio';
import type { Channel } from '../../lib/channel.js';
import type { VoiceResponseClass } from '../../lib/client.js';
import type { Context } from '../../lib/context.js';
import { toCliError } from '../../lib/errors.js';
import type { OutputEvent } from '../../lib/output/types.js';
import { isSid } from '../../lib/sid.js';
import { transcribe, type TranscribeOutcome } from '../../lib/transcripts.js';
import { incomingCallTwiml, type CallScript } from '../../lib/webhooks/call-twiml.js';
import { OK_JSON, type Endpoint } from '../../lib/webhooks/signed-server.js';
import type { Params } from '../../lib/webhooks/verify.js';

export const PATHS = { incomingCall: '/incoming-call', recordingStatus: '/recording-status', webhook: '/ci-webhook' } as const;

function param(params: Params, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The voice webhook: guidance and <Record> first, thanks and <Hangup/> when the RecordingSid comes back. */
export function incomingCallEndpoint(
  VoiceResponse: VoiceResponseClass,
  script: Omit<CallScript, 'recordingStatusUrl'>,
  events: Channel<OutputEvent>,
): Endpoint {
  return {
    path: PATHS.incomingCall,
    methods: ['POST', 'GET'],
    handle({ params, url }) {
      const callSid = param(params, 'CallSid') ?? '';
      const recordingSid = param(params, 'RecordingSid');
      const from = param(params, 'From') ?? null;
      const to = param(params, 'To') ?? null;
      events.push({
        human: (style) =>
          recordingSid
            ? `${style.cyan('call')}  ${callSid}  recorded ${recordingSid}, hanging up`
            : `${style.cyan('call')}  ${callSid}  ${from ?? '?'} → ${to ?? '?'}, recording`,
        json: { event: 'call', callSid, from, to, recordingSid: recordingSid ?? null },
      });
      // The callback is this endpoint's sibling at the URL Twilio used (a tunnel's path prefix included).
      const recordingStatusUrl = new URL(PATHS.recordingStatus.slice(1), url).toString();
      return {
        status: 200,
        contentType: 'text/xml',
        body: incomingCallTwiml(VoiceResponse, { ...script, recordingStatusUrl }, recordingSid),
      };
    },
  };
}

/** Transcribes one recording of a call (classic transcript or v3 conversation) and says what it did. */
export type RecordingTranscriber = (recordingSid: string, callSid: string | undefined) => Promise<OutputEvent>;

function transcriptLine(outcome: TranscribeOutcome, transcriptSid: string, recordingSid: string, callSid: string | null): OutputEvent {
  return {
    human: (style) =>
      `${style.cyan('transcript')}  ${transcriptSid}  ${outcome === 'created' ? 'created' : 'already exists'} for ${recordingSid} (call ${callSid ?? '?'})`,
    json: { event: 'transcript', outcome, transcriptSid, recordingSid, callSid },
  };
}

/** Classic: one transcript per recording in the service, CallSid as the customer key (as `ci transcribe`). */
export function classicTranscriber(client: Twilio, serviceSid: string): RecordingTranscriber {
  return async (recordingSid, callSid) => {
    const { outcome, transcript } = await transcribe(client, { serviceSid, source: { recordingSid }, customerKey: callSid });
    return transcriptLine(outcome, String(transcript.sid), recordingSid, callSid ?? null);
  };
}

/** The recording-status callback: each recording handed to the transcriber once its 200 is sent. */
export function recordingStatusEndpoint(ctx: Context, transcribeRecording: RecordingTranscriber, events: Channel<OutputEvent>): Endpoint {
  return {
    path: PATHS.recordingStatus,
    methods: ['POST', 'GET'],
    deliveries: true,
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
            events.push(await transcribeRecording(recordingSid, callSid));
          } catch (error) {
            ctx.log.warn(`could not transcribe ${recordingSid}: ${toCliError(error).message}`);
          }
        },
      };
    },
  };
}
