// The event Intelligence sends to a service's webhook when a transcript and its operators are done.
import type { ServiceRecord } from '../services/record.js';
import type { TranscriptRecord } from './records.js';
import { deliverWebhook } from '../caller/delivery.js';

export const TRANSCRIPT_AVAILABLE = 'voice_intelligence_transcript_available';

/** The fields of a transcript the event carries. */
export type CompletedTranscript = Pick<TranscriptRecord, 'sid' | 'account_sid' | 'service_sid' | 'customer_key'>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for URLs that stay on this machine. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith('127.');
  } catch {
    return false;
  }
}

/**
 * Sends the signed event with the service's method (GET: query; otherwise a POST form), if it has a webhook.
 * Only to loopback unless `remote` is set: a local emulator (and its tests) must not reach out to the internet.
 */
export async function notifyTranscriptAvailable(
  service: Pick<ServiceRecord, 'webhook_url' | 'webhook_http_method'>,
  transcript: CompletedTranscript,
  authToken: string,
  log: (line: string) => void,
  remote = false,
): Promise<void> {
  if (!service.webhook_url) return;
  if (!remote && !isLoopbackUrl(service.webhook_url)) {
    log(
      `webhook for ${transcript.sid} not sent to ${service.webhook_url}: not a loopback address (start the emulator with --remote-webhooks to allow it)`,
    );
    return;
  }
  await deliverWebhook(
    authToken,
    {
      url: service.webhook_url,
      method: service.webhook_http_method === 'GET' ? 'GET' : 'POST',
      params: {
        event_type: TRANSCRIPT_AVAILABLE,
        transcript_sid: transcript.sid,
        service_sid: transcript.service_sid,
        account_sid: transcript.account_sid,
        customer_key: transcript.customer_key ?? '',
      },
    },
    log,
  );
}
