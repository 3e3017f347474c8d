// Rule-execution webhooks: queued as records inside the commit that ran the rule, sent only once that commit is
// saved (the store's change listener wakes the dispatcher), signed as Twilio signs JSON webhooks (X-Twilio-Signature
// over the URL with `bodySHA256`), to loopback URLs only unless remote webhooks are allowed. Failures are logged and
// counted in /emulator/stats; a delivery is tried once.
import { reasonOf, sendSigned } from '../caller/delivery.js';
import type { Stats } from '../stats.js';
import type { Collection, Store } from '../store.js';
import { isLoopbackUrl } from '../transcripts/webhook.js';
import { newId } from '../v3/ids.js';

export interface WebhookDeliveryRecord {
  sid: string;
  url: string;
  payload: unknown;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  /** Why it failed, or the receiver's status. */
  outcome?: string;
  createdAt: string;
}

const COLLECTION = 'emulator.v3.webhookDeliveries';

export function deliveryCollection(store: Store): Collection<WebhookDeliveryRecord> {
  return store.collection<WebhookDeliveryRecord>(COLLECTION);
}

/** Inside a commit: a POST of `payload` to `url`, sent once the commit is saved. */
export function queueDelivery(store: Store, url: string, payload: unknown): WebhookDeliveryRecord {
  return deliveryCollection(store).insert({
    sid: newId('webhookDelivery'),
    url,
    payload,
    status: 'PENDING',
    createdAt: new Date().toISOString(),
  });
}

export interface DispatcherOptions {
  authToken: string;
  stats: Stats;
  log: (line: string) => void;
  /** Deliver to non-loopback hosts too. */
  remote: boolean;
}

export class WebhookDispatcher {
  private readonly inFlight = new Set<string>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: DispatcherOptions,
  ) {}

  /** The store's change listener: a saved change to the deliveries means there may be some to send. */
  changed(collection: string): void {
    if (collection === COLLECTION) this.sendPending();
  }

  /** Sends every PENDING delivery not already under way (also those left by a previous run of a state file). */
  sendPending(): void {
    if (this.closed) return;
    for (const { value } of deliveryCollection(this.store).entries()) {
      if (value.status !== 'PENDING' || this.inFlight.has(value.sid)) continue;
      this.inFlight.add(value.sid);
      void this.send(value).finally(() => this.inFlight.delete(value.sid));
    }
  }

  close(): void {
    this.closed = true;
  }

  private async send(delivery: WebhookDeliveryRecord): Promise<void> {
    const { authToken, log, remote, stats } = this.options;
    let outcome: { status: 'DELIVERED' | 'FAILED'; outcome: string };
    if (!remote && !isLoopbackUrl(delivery.url)) {
      outcome = { status: 'FAILED', outcome: 'not a loopback address (start the emulator with --remote-webhooks to allow it)' };
    } else {
      try {
        const response = await sendSigned(authToken, {
          url: delivery.url,
          method: 'POST',
          params: {},
          json: true,
          jsonBody: delivery.payload,
        });
        outcome = { status: response.status < 300 ? 'DELIVERED' : 'FAILED', outcome: `answered ${response.status}` };
      } catch (error) {
        outcome = { status: 'FAILED', outcome: reasonOf(error) };
      }
    }
    stats.recordWebhook(outcome.status === 'DELIVERED' ? 'delivered' : 'failed');
    if (outcome.status === 'FAILED') log(`emulator: rule-execution webhook POST ${delivery.url} failed: ${outcome.outcome}`);
    if (this.closed) return;
    await this.store
      .commit(() => {
        const current = deliveryCollection(this.store).get(delivery.sid);
        if (current) deliveryCollection(this.store).replace({ ...current, ...outcome });
      })
      .catch((error: unknown) => log(`emulator: could not record the webhook delivery ${delivery.sid}: ${String(error)}`));
  }
}
