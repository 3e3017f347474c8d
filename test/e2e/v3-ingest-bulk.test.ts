// `ci conversations ingest` in bulk (a folder, a JSONL file), in-process against the emulator: under faults every
// input ends as exactly one conversation with its communications in order (closed with --close); a rerun on the
// same --state sends nothing; a run stopped at a chosen communication resumes without duplicating or losing one;
// a refused input fails its line and the exit code, the others go in; --json is one array in input order.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/emulator/index.js';
import { ci, startCi, type RunningCi } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator, type TestEmulator } from '../support/emulator.js';
import { sdkClient } from '../support/sdk.js';
import { tempDir } from '../support/temp.js';
import { seedConversation } from '../emulator/v3-support.js';

const RETRIES = ['--max-retries', '20'];
const COMMUNICATIONS = /^\/v2\/Conversations\/[^/]+\/Communications$/;

interface Line {
  source: string;
  conversationId: string | null;
  name?: string;
  communications?: number;
  status?: string;
  outcome: 'created' | 'exists' | 'failed';
  error: string | null;
  resumed?: true;
}

/** A folder of speaker-line files and a JSONL batch (text, utterances, a file), each conversation's texts distinct. */
function writeInputs(dir: string): { folder: string; batch: string; expected: Map<string, string[]> } {
  const expected = new Map<string, string[]>();
  const folder = join(dir, 'chats');
  mkdirSync(folder);
  for (const n of [1, 2, 3, 4]) {
    const texts = [`c${n} hello`, `c${n} how can I help`, `c${n} my login fails`, `c${n} fixed it`];
    writeFileSync(join(folder, `c${n}.txt`), texts.map((text, index) => `${index % 2 ? 'Agent' : 'Customer'}: ${text}`).join('\n'));
    expected.set(`c${n}`, texts);
  }
  const batch = join(dir, 'batch.jsonl');
  const lines = [
    { text: 'Agent: j1 one\nCustomer: j1 two\nAgent: j1 three', name: 'j1' },
    { utterances: ['j2 a', 'j2 b', 'j2 c'].map((text, index) => ({ participant: index % 2 ? 'Bot' : 'Visitor', text })), name: 'j2' },
    { file: 'chats/c1.txt', name: 'j3' },
  ];
  writeFileSync(batch, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  expected.set('j1', ['j1 one', 'j1 two', 'j1 three']);
  expected.set('j2', ['j2 a', 'j2 b', 'j2 c']);
  expected.set('j3', expected.get('c1') ?? []);
  return { folder, batch, expected };
}

/** The test's own SDK client has no retries, and the faults apply to it too. */
async function retried<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= 20) throw error;
    }
  }
}

/** What the emulator holds for a configuration: per conversation name, its statuses and its communications' texts. */
async function conversationsOf(emulator: TestEmulator, configurationId: string, except: string) {
  const client = sdkClient(emulator);
  const all = await retried(() => client.conversations.v2.conversations.list({ pageSize: 1000 }));
  const ours = all.filter((conversation) => conversation.configurationId === configurationId && conversation.id !== except);
  const byName = new Map<string, { statuses: string[]; texts: string[][] }>();
  for (const conversation of ours) {
    const communications = await retried(() => client.conversations.v2.communications(conversation.id ?? '').list({ pageSize: 1000 }));
    const entry = byName.get(conversation.name ?? '') ?? { statuses: [], texts: [] };
    entry.statuses.push(String(conversation.status));
    entry.texts.push(communications.map((communication) => String((communication.content as { text?: unknown }).text)));
    byName.set(conversation.name ?? '', entry);
  }
  return byName;
}

function expectExactlyOnce(
  held: Awaited<ReturnType<typeof conversationsOf>>,
  expected: Map<string, string[]>,
  status: string,
  context: string,
): void {
  expect([...held.keys()].sort(), context).toEqual([...expected.keys()].sort());
  for (const [name, texts] of expected) {
    expect(held.get(name), `${context}: ${name}`).toEqual({ statuses: [status], texts: [texts] });
  }
}

const linesOf = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);

describe('ci conversations ingest in bulk, under faults', () => {
  let writes = 0;
  let stopAt = Infinity;
  let running: RunningCi | undefined;
  const emulator = useTestEmulator({
    faults: { latencyMs: 1, latencyJitterMs: 4, failRate: 0.08, throttleRate: 0.01, resetAfterCommitRate: 0.08, seed: 14 },
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
    const flags = ['--configuration', configuration, '--close', '--concurrency', '3', '--state', state];
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
});
