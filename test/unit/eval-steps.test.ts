// The evaluation's setup creates, retried without ever making a resource twice.
import { describe, expect, it } from 'vitest';
import { createdOnce } from '../../src/lib/eval/steps.js';

const failure = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

/** A fake API: each create either fails before applying, fails after applying, or succeeds. */
function fakeApi(plan: Array<'refused' | 'applied-then-500' | 'ok'>) {
  const made: string[] = [];
  let creates = 0;
  return {
    made,
    creates: () => creates,
    step: {
      create: () => {
        const outcome = plan[creates++] ?? 'ok';
        if (outcome === 'refused') return Promise.reject(failure(429));
        made.push('scratch');
        return outcome === 'ok' ? Promise.resolve('created') : Promise.reject(failure(500));
      },
      find: () => Promise.resolve(made.length ? 'found' : undefined),
    },
  };
}

describe('createdOnce', () => {
  const signal = new AbortController().signal;

  it('finds a create that was applied behind a 500 instead of sending it again', async () => {
    const api = fakeApi(['applied-then-500']);
    expect(await createdOnce(signal, api.step)).toBe('found');
    expect([api.creates(), api.made.length]).toEqual([1, 1]);
  });

  it('creates again after a failure that applied nothing', async () => {
    const api = fakeApi(['refused', 'refused', 'ok']);
    expect(await createdOnce(signal, api.step)).toBe('created');
    expect([api.creates(), api.made.length]).toEqual([3, 1]);
  });

  it('does not retry a failure that is not transient', async () => {
    const api = { create: () => Promise.reject(failure(400)), find: () => Promise.resolve('found') };
    await expect(createdOnce(signal, api)).rejects.toThrow('HTTP 400');
  });
});
