// Twilio's side of an inbound phone call, played against a voice webhook: signed requests,
// the TwiML read verb by verb, and for <Record> the recording-status callback and the follow-up
// request carrying the RecordingSid — so the seed's flow runs without a phone or an account.
import { parseTwiml, type TwimlVerb } from './twiml.js';
import { reasonOf, sendSigned, type SignedMethod, type SignedResponse } from './delivery.js';
import type { SignedParams } from './signing.js';

export interface CallRecording {
  sid: string;
  /** Where the media would be fetched, sent as RecordingUrl. */
  url: string;
  durationSeconds: number;
}

export interface CallOptions {
  /** The number's "A call comes in" URL. */
  voiceUrl: string;
  /** The call the recording belongs to. */
  callSid: string;
  accountSid: string;
  authToken: string;
  from: string;
  to: string;
  /** The recording a <Record> verb produces. */
  recording: CallRecording;
}

/** What happened, in order: each request Twilio sent and each verb it executed. */
export interface CallStep {
  step: 'request' | 'say' | 'record' | 'hangup' | 'ignored';
  detail: string;
  status?: number;
}

export class CallFailedError extends Error {
  constructor(
    message: string,
    readonly steps: CallStep[],
  ) {
    super(message);
  }
}

/** Twilio follows at most this many documents per call; a handler that loops is stopped. */
const MAX_DOCUMENTS = 10;

export async function playInboundCall(options: CallOptions): Promise<CallStep[]> {
  const { callSid } = options;
  const steps: CallStep[] = [];
  const callParams = {
    AccountSid: options.accountSid,
    CallSid: callSid,
    From: options.from,
    Caller: options.from,
    To: options.to,
    Called: options.to,
    CallStatus: 'in-progress',
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
  } satisfies SignedParams;

  const request = async (url: string, method: SignedMethod, params: SignedParams): Promise<SignedResponse> => {
    let response: SignedResponse;
    try {
      response = await sendSigned(options.authToken, { url, method, params });
    } catch (error) {
      throw new CallFailedError(`${method} ${url} failed: ${reasonOf(error)}`, steps);
    }
    steps.push({ step: 'request', detail: `${method} ${url}`, status: response.status });
    if (response.status >= 300)
      throw new CallFailedError(`${method} ${url} answered ${response.status}: ${response.body.slice(0, 200)}`, steps);
    return response;
  };

  let document: { url: string; method: SignedMethod; params: SignedParams } | undefined = {
    url: options.voiceUrl,
    method: 'POST',
    params: callParams,
  };
  for (let count = 0; document; count++) {
    if (count === MAX_DOCUMENTS) throw new CallFailedError(`the call was redirected more than ${MAX_DOCUMENTS} times`, steps);
    const response = await request(document.url, document.method, document.params);
    let verbs: TwimlVerb[];
    try {
      verbs = parseTwiml(response.body);
    } catch (error) {
      throw new CallFailedError(`${document.url} did not answer TwiML: ${(error as Error).message}`, steps);
    }
    const current: { url: string; method: SignedMethod } = document;
    document = undefined;
    for (const verb of verbs) {
      if (verb.name === 'Say') steps.push({ step: 'say', detail: describeSay(verb) });
      else if (verb.name === 'Hangup') {
        steps.push({ step: 'hangup', detail: 'the call ends' });
        break;
      } else if (verb.name === 'Record') {
        steps.push({ step: 'record', detail: `${options.recording.sid} (${describeAttributes(verb)})` });
        await sendRecordingStatus(verb, current.url, callParams, options.recording, request);
        // Without `action`, Twilio requests the current document again, now with the recording.
        document = {
          url: new URL(verb.attributes.action ?? current.url, current.url).toString(),
          method: methodOf(verb.attributes.method) ?? current.method,
          params: { ...callParams, ...recordingParams(options.recording), Digits: 'hangup' },
        };
        break;
      } else steps.push({ step: 'ignored', detail: `<${verb.name}> is not played by the emulator` });
    }
  }
  return steps;
}

async function sendRecordingStatus(
  record: TwimlVerb,
  documentUrl: string,
  callParams: { AccountSid: string; CallSid: string },
  recording: CallRecording,
  request: (url: string, method: SignedMethod, params: SignedParams) => Promise<SignedResponse>,
): Promise<void> {
  const callback = record.attributes.recordingStatusCallback;
  if (!callback) return;
  // Twilio's default event list is "completed"; a list without it gets no callback for it.
  const events = (record.attributes.recordingStatusCallbackEvent ?? 'completed').split(/[\s,]+/);
  if (!events.includes('completed')) return;
  const channels = record.attributes.recordingChannels === 'dual' ? '2' : '1';
  await request(new URL(callback, documentUrl).toString(), methodOf(record.attributes.recordingStatusCallbackMethod) ?? 'POST', {
    AccountSid: callParams.AccountSid,
    CallSid: callParams.CallSid,
    ...recordingParams(recording),
    RecordingStatus: 'completed',
    RecordingChannels: channels,
    RecordingSource: 'RecordVerb',
    RecordingStartTime: new Date().toUTCString(),
    ErrorCode: '0',
  });
}

function recordingParams(recording: CallRecording): SignedParams {
  return { RecordingSid: recording.sid, RecordingUrl: recording.url, RecordingDuration: String(recording.durationSeconds) };
}

function methodOf(value: string | undefined): SignedMethod | undefined {
  const upper = value?.toUpperCase();
  return upper === 'GET' || upper === 'POST' ? upper : undefined;
}

function describeSay(verb: TwimlVerb): string {
  const attributes = describeAttributes(verb);
  return `"${verb.text}"${attributes ? ` (${attributes})` : ''}`;
}

function describeAttributes(verb: TwimlVerb): string {
  return Object.entries(verb.attributes)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}
