import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/lib/errors.js';
import { mapPool } from '../../src/lib/pool.js';

/** A task per item that finishes only when the test says so. */
function gatedWork() {
  const started: number[] = [];
  const gates = new Map<number, () => void>();
  const work = (item: number) =>
    new Promise<number>((resolve) => {
      started.push(item);
      gates.set(item, () => resolve(item * 10));
    });
  const finish = (item: number) => gates.get(item)?.();
  return { started, work, finish };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('mapPool', () => {
  it('runs at most `concurrency` items at once and yields every result', async () => {
    let running = 0;
    let most = 0;
    const work = async (item: number) => {
      most = Math.max(most, ++running);
      await tick();
      running--;
      return item * 2;
    };
    const results: number[] = [];
    for await (const result of mapPool([1, 2, 3, 4, 5, 6], 2, new AbortController().signal, work)) results.push(result);
    expect(results.sort((a, b) => a - b)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(most).toBe(2);
  });

  it('on abort starts nothing new, yields the results in flight, then throws InterruptedError', async () => {
    const controller = new AbortController();
    const { started, work, finish } = gatedWork();
    const results: number[] = [];
    const run = (async () => {
      for await (const result of mapPool([1, 2, 3, 4], 2, controller.signal, work)) results.push(result);
    })();
    await tick();
    expect(started).toEqual([1, 2]);
    controller.abort();
    finish(1);
    finish(2);
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(started).toEqual([1, 2]);
    expect(results.sort()).toEqual([10, 20]);
  });

  it('stops at the first failure and rethrows it after the items in flight', async () => {
    const started: number[] = [];
    const work = async (item: number) => {
      started.push(item);
      await tick();
      if (item === 1) throw new Error('item 1 failed');
      return item;
    };
    const results: number[] = [];
    await expect(
      (async () => {
        for await (const result of mapPool([1, 2, 3, 4, 5], 2, new AbortController().signal, work)) results.push(result);
      })(),
    ).rejects.toThrow('item 1 failed');
    expect(started).not.toContain(5);
    expect(results).not.toContain(1);
  });

  it('starts nothing more once the reader stops reading', async () => {
    const started: number[] = [];
    const work = async (item: number) => {
      started.push(item);
      await tick();
      return item;
    };
    for await (const result of mapPool([1, 2, 3, 4, 5, 6], 1, new AbortController().signal, work)) {
      expect(result).toBe(1);
      break;
    }
    await tick();
    await tick();
    expect(started.length).toBeLessThanOrEqual(2);
  });
});
