// A commit made right after an earlier one resolved is applied too (it used to wait for ever).
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/emulator/store.js';

describe('Store.commit', () => {
  it('applies commits made one after another, each awaited', async () => {
    const store = new Store(undefined, () => {});
    const things = store.collection<{ sid: string }>('things');
    await store.commit(() => things.insert({ sid: 'A' }));
    await store.commit(() => things.insert({ sid: 'B' }));
    await store.commit(() => things.insert({ sid: 'C' }));
    expect(['A', 'B', 'C'].map((sid) => things.get(sid)?.sid)).toEqual(['A', 'B', 'C']);
  });
});
