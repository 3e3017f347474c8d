// The crash harness's disk (test/support/crash-run.ts) is only as honest as it is strict: a kill keeps what
// was made durable, loses what was not, and stops everything the killed run does afterwards.
import { describe, expect, it } from 'vitest';
import { BulkState } from '../../src/lib/bulk-state.js';
import { SimulatedDisk } from '../support/crash-run.js';

const FILE = '/nowhere/run.state';
const now = () => new Date('2026-12-01T10:00:00.000Z');
const half = () => 0.5;

describe('the simulated disk of a crash test', () => {
  it('keeps an fdatasync’d append through a kill and loses one that was only written', async () => {
    const disk = new SimulatedDisk(half);
    const run = disk.boot();
    const journal = await run.files.openAppend(FILE);
    await journal.write('synced\n', true);
    await journal.write('written\n', false);
    expect(await run.files.read(FILE)).toBe('synced\nwritten\n'); // the run itself reads its page cache
    run.kill();
    expect(disk.text(FILE)).toBe('synced\n');
  });

  it('leaves at most a torn part of the first line of a write under way at the kill', async () => {
    const disk = new SimulatedDisk(half);
    const run = disk.boot();
    const journal = await run.files.openAppend(FILE);
    const writing = journal.write('0123456789\nnext\n', true);
    run.kill();
    await expect(writing).rejects.toThrow('killed');
    expect(disk.text(FILE)).toBe('01234');
  });

  it('lets nothing a killed run does reach the disk', async () => {
    const disk = new SimulatedDisk(half);
    const run = disk.boot();
    await run.files.replace(FILE, 'before\n');
    const replacing = run.files.replace(FILE, 'under way\n');
    run.kill();
    await expect(replacing).rejects.toThrow('killed');
    await expect(run.files.createExclusive(`${FILE}.lock`, 'mine')).rejects.toThrow('killed');
    await expect(run.files.removeIfUnchanged(FILE, 'before\n')).rejects.toThrow('killed');
    expect(disk.text(FILE)).toBe('before\n');
    expect(disk.text(`${FILE}.lock`)).toBeUndefined();
  });

  it('writes back what a run wrote when it exits cleanly', async () => {
    const disk = new SimulatedDisk(half);
    const run = disk.boot();
    await (await run.files.openAppend(FILE)).write('lazy\n', false);
    run.exit();
    expect(disk.text(FILE)).toBe('lazy\n');
  });

  it('shows a killed run’s lock as stale to the next run, and a running one’s as held', async () => {
    const disk = new SimulatedDisk(half);
    const killed = disk.boot();
    await BulkState.open(FILE, killed.files, now);
    killed.kill();
    const next = disk.boot();
    expect(next.files.pid).not.toBe(killed.files.pid);
    expect(next.files.processAlive(killed.files.pid)).toBe(false);
    const state = await BulkState.open(FILE, next.files, now); // takes the stale lock over
    await expect(BulkState.open(FILE, disk.boot().files, now)).rejects.toThrow(`in use by another run (pid ${next.files.pid} on `);
    await state.close();
  });

  it('keeps the in-flight mark of a killed bulk run, which is durable before its create is sent', async () => {
    const disk = new SimulatedDisk(half);
    const killed = disk.boot();
    const state = await BulkState.open(FILE, killed.files, now);
    await state.markInFlight(['RE1']);
    state.recordDone('RE1', { transcriptSid: 'GT1', outcome: 'created' }); // not waited for: lost with the kill
    killed.kill();
    const reopened = await BulkState.open(FILE, disk.boot().files, now);
    expect([...reopened.inFlight.keys()]).toEqual(['RE1']);
    expect(reopened.done.size).toBe(0);
  });
});
