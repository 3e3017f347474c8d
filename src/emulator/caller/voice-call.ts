// Twilio's side of an inbound phone call, played against a voice webhook: signed requests,
// the TwiML read verb by verb, and for <Record> the recording-status callback and the follow-up
// request carrying the RecordingSid — so the seed's flow runs without a phone or an account.
import { parseTwiml, type TwimlVerb } from './twiml.js';
import { reasonOf, sendSigned, type SignedMethod, type SignedResponse } from './delivery.js';
import type { SignedParams } from './signing.js';
import { messageOf } from '../thrown.js';

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

type Document = { url: string; method: SignedMethod; params: SignedParams };
type Requester = (url: string, method: SignedMethod, params: SignedParams) => Promise<SignedResponse>;

export async function playInboundCall(options: CallOptions): Promise<CallStep[]> {
  const steps: CallStep[] = [];
  const callParams = callParamsOf(options);
  const request = signedRequester(options.authToken, steps);
  let document: Document | undefined = { url: options.voiceUrl, method: 'POST', params: callParams };
  for (let count = 0; document; count++) {
    if (count === MAX_DOCUMENTS) throw new CallFailedError(`the call was redirected more than ${MAX_DOCUMENTS} times`, steps);
    const response = await request(document.url, document.method, document.params);
    let verbs: TwimlVerb[];
    try {
      verbs = parseTwiml(response.body);
    } catch (error) {
      throw new CallFailedError(`${document.url} did not answer TwiML: ${messageOf(error)}`, steps);
    }
    document = await playVerbs(verbs, document, { options, callParams, steps, request });
  }
  return steps;
}

/** The parameters Twilio sends with every request of an inbound call. */
function callParamsOf(options: CallOptions) {
  return {
    AccountSid: options.accountSid,
    CallSid: options.callSid,
    From: options.from,
    Caller: options.from,
    To: options.to,
    Called: options.to,
    CallStatus: 'in-progress',
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
  } satisfies SignedParams;
}

/** Sends one signed request, recorded as a step; a failure or a non-2xx answer ends the call. */
function signedRequester(authToken: string, steps: CallStep[]): Requester {
  return async (url, method, params) => {
    let response: SignedResponse;
    try {
      response = await sendSigned(authToken, { url, method, params });
    } catch (error) {
      throw new CallFailedError(`${method} ${url} failed: ${reasonOf(error)}`, steps);
    }
    steps.push({ step: 'request', detail: `${method} ${url}`, status: response.status });
    if (response.status >= 300)
      throw new CallFailedError(`${method} ${url} answered ${response.status}: ${response.body.slice(0, 200)}`, steps);
    return response;
  };
}

/** Executes a document's verbs in order; the next document to request (after <Record>), or undefined when the call ends. */
async function playVerbs(
  verbs: TwimlVerb[],
  current: Document,
  call: { options: CallOptions; callParams: SignedParams & { AccountSid: string; CallSid: string }; steps: CallStep[]; request: Requester },
): Promise<Document | undefined> {
  const { options, callParams, steps } = call;
  for (const verb of verbs) {
    if (verb.name === 'Say') steps.push({ step: 'say', detail: describeSay(verb) });
    else if (verb.name === 'Hangup') {
      steps.push({ step: 'hangup', detail: 'the call ends' });
      return undefined;
    } else if (verb.name === 'Record') {
      steps.push({ step: 'record', detail: `${options.recording.sid} (${describeAttributes(verb)})` });
      await sendRecordingStatus(verb, current.url, callParams, options.recording, call.request);
      // Without `action`, Twilio requests the current document again, now with the recording.
      return {
        url: new URL(verb.attributes.action ?? current.url, current.url).toString(),
        method: methodOf(verb.attributes.method) ?? current.method,
        params: { ...callParams, ...recordingParams(options.recording), Digits: 'hangup' },
      };
    } else steps.push({ step: 'ignored', detail: `<${verb.name}> is not played by the emulator` });
  }
  return undefined;
}

async function sendRecordingStatus(
  record: TwimlVerb,
  documentUrl: string,
  callParams: { AccountSid: string; CallSid: string },
  recording: CallRecording,
  request: Requester,
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
