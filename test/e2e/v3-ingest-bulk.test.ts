// `ci conversations ingest` in bulk (a folder, a JSONL file), in-process against the emulator: under faults every
// input ends as exactly one conversation with its communications in order (closed with --close); a rerun on the
// same --state sends nothing; a run stopped at a chosen communication resumes without duplicating or losing one;
// a refused input fails its line and the exit code, the others go in; --json is one array in input order.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/emulator/index.js';
import { ci, startCi, type RunningCi } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { tempDir } from '../support/temp.js';
import { seedConversation } from '../emulator/v3-support.js';
import { conversationsOf, expectExactlyOnce, linesOf, writeInputs, type Line } from './v3-ingest-bulk-support.js';

const RETRIES = ['--max-retries', '20'];
const COMMUNICATIONS = /^\/v2\/Conversations\/[^/]+\/Communications$/;

describe('ci conversations ingest in bulk, under faults', () => {
  let writes = 0;
  let stopAt = Infinity;
  let running: RunningCi | undefined;
  const emulator = useTestEmulator({
    faults: { latencyMs: 1, latencyJitterMs: 4, failRate: 0.05, throttleRate: 0.01, resetAfterCommitRate: 0.06, seed: 14 },
    observe(exchange: Exchange) {
      if (exchange.method !== 'GET') writes++;
      if (exchange.method === 'POST' && COMMUNICATIONS.test(exchange.path) && exchange.status === 201 && --stopAt === 0)
        running?.proc.signal('SIGINT');
    },
  });

  it('makes exactly one closed conversation per input, communications in order; a rerun on the --state sends nothing', async () => {
    const dir = tempDir('ci-ingest-bulk-');
    const { folder, batch, expected } = writeInputs(dir);
    const seeded = await seedConversation(emulator, { communications: [{ text: 'seed' }] });
    const configuration = seeded.conversationConfigurationId;
    const state = join(dir, 'run.state');
    const args = [...RETRIES, 'conversations', 'ingest', folder, '--from-file', batch];
    const flags = ['--configuration', configuration, '--close', '--concurrency', '4', '--state', state];
    const env = emulatorEnv(emulator);

    const first = await ci([...args, ...flags], { env });
    expect(first.code, first.stderr).toBe(0);
    const lines = linesOf(first.stdout);
    expect(lines.map((line) => line.name).sort()).toEqual([...expected.keys()].sort());
    for (const line of lines) {
      expect(line).toMatchObject({ outcome: 'created', error: null, status: 'CLOSED' });
      expect(line.communications).toBe(expected.get(line.name ?? '')?.length);
      expect(line.conversationId).toMatch(/^conv_conversation_/);
    }
    expect(first.stderr).toMatch(/7 inputs: 7 created, 0 exist, 0 failed/);
    expectExactlyOnce(await conversationsOf(emulator, configuration, seeded.conversationId), expected, 'CLOSED', 'first run');

    writes = 0;
    const again = await ci([...args, ...flags], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(writes).toBe(0);
    const resumed = linesOf(again.stdout);
    expect(resumed).toHaveLength(expected.size);
    expect(resumed.every((line) => line.outcome === 'exists' && line.resumed === true)).toBe(true);
    expect(resumed.map((line) => line.conversationId).sort()).toEqual(lines.map((line) => line.conversationId).sort());
  }, 60_000);

  it('a run stopped in the middle of the communications resumes on rerun: none duplicated, none lost', async () => {
    const dir = tempDir('ci-ingest-stop-');
    const { folder, batch, expected } = writeInputs(dir);
    const seeded = await seedConversation(emulator, { communications: [{ text: 'seed' }] });
    const configuration = seeded.conversationConfigurationId;
    const args = [...RETRIES, 'conversations', 'ingest', folder, '--from-file', batch, '--configuration', configuration];
    const flags = ['--close', '--concurrency', '3', '--state', join(dir, 'run.state')];
    const env = emulatorEnv(emulator);

    stopAt = 6; // within the second or third conversation: others are in flight
    running = startCi([...args, ...flags], { env });
    const stopped = await running.result;
    stopAt = Infinity;
    expect(stopped.code, stopped.stderr).not.toBe(0);
    const partial = await conversationsOf(emulator, configuration, seeded.conversationId);
    expect(partial.size).toBeLessThan(expected.size);

    const rerun = await ci([...args, ...flags], { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(linesOf(rerun.stdout)).toHaveLength(expected.size);
    expectExactlyOnce(await conversationsOf(emulator, configuration, seeded.conversationId), expected, 'CLOSED', 'after the rerun');
  }, 60_000);
});

describe('ci conversations ingest in bulk: failures and output', () => {
  let writes = 0;
  const emulator = useTestEmulator({
    observe(exchange: Exchange) {
      if (exchange.method !== 'GET') writes++;
    },
  });

  it('fails a refused input on its line and in the exit code; the others go in; a rerun retries only that one', async () => {
    const dir = tempDir('ci-ingest-refused-');
    const seeded = await seedConversation(emulator, { communications: [{ text: 'seed' }] });
    const crowd = Array.from({ length: 51 }, (_, index) => ({ participant: `Person ${index + 1}`, text: `hi ${index + 1}` }));
    const batch = join(dir, 'batch.jsonl');
    writeFileSync(
      batch,
      [
        { text: 'Agent: fine\nCustomer: good', name: 'ok1' },
        { utterances: crowd, name: 'crowd' },
        { text: 'Customer: also fine', name: 'ok2' },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const args = ['conversations', 'ingest', '--from-file', batch, '--configuration', seeded.conversationConfigurationId];
    const state = ['--state', join(dir, 'run.state')];
    const env = emulatorEnv(emulator);

    const first = await ci([...args, ...state], { env });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('1 of 3 inputs failed');
    const lines = linesOf(first.stdout);
    expect(lines.map((line) => [line.source, line.outcome]).sort()).toEqual([
      [`${batch}:1`, 'created'],
      [`${batch}:2`, 'failed'],
      [`${batch}:3`, 'created'],
    ]);
    expect(lines.find((line) => line.outcome === 'failed')?.error).toMatch(/participants/);
    const held = await conversationsOf(emulator, seeded.conversationConfigurationId, seeded.conversationId);
    expect([...held.keys()].sort()).toEqual(['ok1', 'ok2']);
    expect(held.get('ok1')).toEqual({ statuses: ['ACTIVE'], texts: [['fine', 'good']] });

    writes = 0;
    const rerun = await ci([...args, ...state], { env });
    expect(rerun.code).toBe(1);
    expect(writes).toBe(1); // the refused create, again
    expect(linesOf(rerun.stdout).filter((line) => line.resumed)).toHaveLength(2);
  });

  it('--json prints one array in input order; a single file keeps its one-row list', async () => {
    const dir = tempDir('ci-ingest-json-');
    const { folder, expected } = writeInputs(dir);
    const seeded = await seedConversation(emulator, { communications: [{ text: 'seed' }] });
    const env = emulatorEnv(emulator);
    const configuration = ['--configuration', seeded.conversationConfigurationId];
    const result = await ci(['conversations', 'ingest', folder, ...configuration, '--concurrency', '4', '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const rows = JSON.parse(result.stdout) as Line[];
    expect(rows.map((row) => row.name)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(rows.map((row) => row.communications)).toEqual(['c1', 'c2', 'c3', 'c4'].map((name) => expected.get(name)?.length));

    const single = await ci(['conversations', 'ingest', join(folder, 'c2.txt'), ...configuration, '--name', 'solo', '--json'], { env });
    expect(single.code, single.stderr).toBe(0);
    const [row, ...more] = JSON.parse(single.stdout) as { source: string; name: string; communications: number; status: string }[];
    expect(more).toEqual([]);
    expect(row).toMatchObject({ source: join(folder, 'c2.txt'), name: 'solo', communications: 4, status: 'ACTIVE' });
    expect(Object.keys(row ?? {}).sort()).toEqual(['communications', 'conversationId', 'name', 'source', 'status']);
  });

  it('refuses the table flags --fields, --no-header and --limit in bulk (exit 2), before anything is sent', async () => {
    const { folder } = writeInputs(tempDir('ci-ingest-flags-'));
    const env = emulatorEnv(emulator);
    for (const flag of [['--fields', 'source'], ['--no-header'], ['--limit', '2']]) {
      writes = 0;
      const result = await ci(['conversations', 'ingest', folder, '--configuration', 'any', ...flag], { env });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`ci: ${flag[0] ?? ''} shape one file's table; a bulk run prints one JSON line per input`);
      expect(writes).toBe(0);
    }
  });
});
