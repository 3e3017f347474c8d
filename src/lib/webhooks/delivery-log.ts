// Which deliveries a receiver has already accepted, so a replay (Twilio's retry, or an attacker's)
// is answered without being handled twice. Bounded in time and in size.
import { createHash } from 'node:crypto';

export interface Delivery {
  /** Twilio's I-Twilio-Idempotency-Token: the same for every retry of one delivery. */
  idempotencyToken: string | undefined;
  signature: string | undefined;
  url: string;
  body: Buffer;
}

export interface DeliveryLogLimits {
  /** How long a delivery is remembered. */
  windowMs: number;
  /** Most deliveries remembered; the oldest are forgotten first. */
  maxEntries: number;
}

/** An hour covers Twilio's retries of a webhook; 10,000 keys are about a megabyte. */
export const DEFAULT_DELIVERY_LOG_LIMITS: DeliveryLogLimits = { windowMs: 60 * 60_000, maxEntries: 10_000 };

/** The token when Twilio sent one, else the signature and the body (the signature covers the URL). */
export function deliveryKey(delivery: Delivery): string {
  if (delivery.idempotencyToken) return `token:${delivery.idempotencyToken}`;
  const hash = createHash('sha256')
    .update(delivery.signature ?? '')
    .update('\n')
    .update(delivery.url)
    .update('\n')
    .update(delivery.body);
  return `body:${hash.digest('hex')}`;
}

export class DeliveryLog {
  /** Key → when it was accepted; a Map keeps insertion order, so the oldest come first. */
  private readonly accepted = new Map<string, number>();

  constructor(
    private readonly limits: DeliveryLogLimits = DEFAULT_DELIVERY_LOG_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `key` was accepted within the window. */
  has(key: string): boolean {
    this.forgetExpired();
    return this.accepted.has(key);
  }

  add(key: string): void {
    this.accepted.delete(key);
    this.accepted.set(key, this.now());
    for (const oldest of this.accepted.keys()) {
      if (this.accepted.size <= this.limits.maxEntries) break;
      this.accepted.delete(oldest);
    }
  }

  private forgetExpired(): void {
    const oldest = this.now() - this.limits.windowMs;
    for (const [key, at] of this.accepted) {
      if (at > oldest) break;
      this.accepted.delete(key);
    }
  }
}
