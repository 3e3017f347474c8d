// Shared by the bulk ingest tests: inputs (a folder and a JSONL batch with known texts), what the emulator holds
// for a configuration, the exactly-once check, and the kill -9 loop (crash-run.ts) with its checks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { seededRandom } from '../../src/emulator/index.js';
import { emulatorEnv } from '../support/ci-env.js';
import { crashTest, type CrashMode } from '../support/crash-run.js';
import { specChecker, startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { sdkClient } from '../support/sdk.js';
import { tempDir } from '../support/temp.js';
import { seedConversation } from '../emulator/v3-support.js';

export interface Line {
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
/** How many inputs: files in the folder (up to any number), lines in the batch (up to 3). */
export interface InputCount {
  files: number;
  lines: number;
}

export function writeInputs(
  dir: string,
  count: InputCount = { files: 4, lines: 3 },
): { folder: string; batch: string; expected: Map<string, string[]> } {
  const expected = new Map<string, string[]>();
  const folder = join(dir, 'chats');
  mkdirSync(folder);
  for (let n = 1; n <= count.files; n++) {
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
  const texts = [['j1 one', 'j1 two', 'j1 three'], ['j2 a', 'j2 b', 'j2 c'], expected.get('c1') ?? []];
  writeFileSync(
    batch,
    `${lines
      .slice(0, count.lines)
      .map((line) => JSON.stringify(line))
      .join('\n')}\n`,
  );
  texts.slice(0, count.lines).forEach((said, index) => expected.set(`j${index + 1}`, said));
  return { folder, batch, expected };
}

/** The test's own SDK client has no retries, and the faults apply to it too. */
export async function retried<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= 20) throw error;
    }
  }
}

/** What the emulator holds for a configuration: per conversation name, its statuses and its communications' texts. */
export async function conversationsOf(emulator: TestEmulator, configurationId: string, except: string) {
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

export function expectExactlyOnce(
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

export const linesOf = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);

const CREATE = /^\/v2\/Conversations(\/[^/]+\/Communications)?$/;
/** A create cut off by the kill: the emulator answers a body that never fully arrived (nobody hears it). */
const CUT_OFF = /^POST \/v2\/Conversations(\/[^/]+\/Communications)? → 400: /;
/**
 * The crash tests of a file: each run killed right after a seeded create (a conversation's or a communication's)
 * is answered, then reruns until one completes; one closed conversation per input, all its communications.
 * Its emulators are checked for spec violations when the file ends.
 */
export function crashSuite(): (seed: number, mode: CrashMode, count?: InputCount) => Promise<void> {
  const emulators: TestEmulator[] = [];
  beforeAll(() => void specChecker()); // compiled once for the file, not inside the first test
  afterAll(async () => {
    for (const emulator of emulators) {
      await emulator.close();
      expect(emulator.violations.filter((violation) => !CUT_OFF.test(violation))).toEqual([]);
    }
  });
  return killAndRerun;

  async function killAndRerun(seed: number, mode: CrashMode, count?: InputCount): Promise<void> {
    const random = seededRandom(seed);
    const crash = crashTest((exchange) => exchange.method === 'POST' && CREATE.test(exchange.path) && exchange.status === 201, random);
    const emulator = await startTestEmulator({
      faults: { latencyMs: 1, latencyJitterMs: 4, failRate: 0.05, throttleRate: 0.01, resetAfterCommitRate: 0.08, seed },
      observe: crash.observe,
    });
    emulators.push(emulator);
    const dir = tempDir(`ci-ingest-crash-${seed}-`);
    const { folder, batch, expected } = writeInputs(dir, count);
    const seeded = await seedConversation(emulator, { communications: [{ text: 'seed' }] });
    const args = [
      ...['--max-retries', '20', 'conversations', 'ingest', folder, '--from-file', batch],
      ...['--configuration', seeded.conversationConfigurationId, '--close', '--concurrency', '3', '--state', join(dir, 'run.state')],
    ];
    // The default 7 inputs make 7 conversations and 25 communications: kill within the first run's creates, then the rerun's.
    const killPoints = mode === 'process' ? [3 + Math.floor(random() * 8)] : [2 + Math.floor(random() * 14), 1 + Math.floor(random() * 8)];
    const { runs, last, summary } = await crash.runUntilDone({ args, env: emulatorEnv(emulator), killPoints, maxRuns: 6, mode });
    const context = `seed ${seed}, ${summary}`;
    expect(
      runs.slice(0, killPoints.length).map((run) => run.code),
      context,
    ).toEqual(killPoints.map(() => null)); // every kill landed
    expect(last.code, `${context}: ${last.stderr}`).toBe(0);
    expect(linesOf(last.stdout), context).toHaveLength(expected.size);
    expectExactlyOnce(
      await conversationsOf(emulator, seeded.conversationConfigurationId, seeded.conversationId),
      expected,
      'CLOSED',
      context,
    );
  }
}
