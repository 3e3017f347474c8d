// The event Intelligence sends to a service's webhook, read from the request's parameters.
import type { Params } from './verify.js';

export interface TranscriptEvent {
  eventType: string;
  transcriptSid: string;
  customerKey: string;
  serviceSid: string;
  accountSid: string;
}

function single(params: Params, name: string): string {
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function transcriptEventOf(params: Params): TranscriptEvent {
  return {
    eventType: single(params, 'event_type'),
    transcriptSid: single(params, 'transcript_sid'),
    customerKey: single(params, 'customer_key'),
    serviceSid: single(params, 'service_sid'),
    accountSid: single(params, 'account_sid'),
  };
}

/** What a command run by --exec finds in its environment; values travel only here, never in a shell line. */
export function eventEnvironment(event: TranscriptEvent): Record<string, string> {
  return {
    EVENT_TYPE: event.eventType,
    TRANSCRIPT_SID: event.transcriptSid,
    CUSTOMER_KEY: event.customerKey,
    SERVICE_SID: event.serviceSid,
    ACCOUNT_SID: event.accountSid,
  };
}
