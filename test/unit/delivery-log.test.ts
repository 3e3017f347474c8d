import { describe, expect, it } from 'vitest';
import { DeliveryLog, deliveryKey } from '../../src/lib/webhooks/delivery-log.js';
import { FollowUpQueue } from '../../src/lib/webhooks/followup-queue.js';

const delivery = (body: string, idempotencyToken?: string) => ({
  idempotencyToken,
  signature: 'sig',
  url: 'https://h/x',
  body: Buffer.from(body),
});

describe('deliveryKey', () => {
  it("is Twilio's idempotency token when there is one, else the signature, URL and body", () => {
    expect(deliveryKey(delivery('a', 't1'))).toBe(deliveryKey(delivery('b', 't1')));
    expect(deliveryKey(delivery('a'))).toBe(deliveryKey(delivery('a')));
    expect(deliveryKey(delivery('a'))).not.toBe(deliveryKey(delivery('b')));
    expect(deliveryKey({ ...delivery('a'), signature: 'other' })).not.toBe(deliveryKey(delivery('a')));
  });
});

describe('DeliveryLog', () => {
  it('remembers a delivery for the window, then forgets it', () => {
    let now = 0;
    const log = new DeliveryLog({ windowMs: 1000, maxEntries: 10 }, () => now);
    log.add('a');
    now = 999;
    expect(log.has('a')).toBe(true);
    now = 1000;
    expect(log.has('a')).toBe(false);
  });

  it('keeps at most maxEntries, forgetting the oldest first', () => {
    const log = new DeliveryLog({ windowMs: 60_000, maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) log.add(key);
    expect(['a', 'b', 'c'].map((key) => log.has(key))).toEqual([false, true, true]);
  });
});

describe('FollowUpQueue', () => {
  it('runs tasks one at a time in order, counts them until they end, and reports failures', async () => {
    const order: string[] = [];
    const errors: unknown[] = [];
    const queue = new FollowUpQueue(2, (error) => errors.push(error));
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    queue.push(async () => {
      await gate;
      order.push('first');
    });
    queue.push(() => {
      order.push('second');
      return Promise.reject(new Error('boom'));
    });
    expect(queue.full).toBe(true);
    release();
    await expect.poll(() => queue.size).toBe(0);
    expect(order).toEqual(['first', 'second']);
    expect(errors).toEqual([new Error('boom')]);
    expect(queue.full).toBe(false);
  });
});
