// Shared by the bulk ingest tests: inputs (a folder and a JSONL batch with known texts), what the emulator holds
// for a configuration, and the exactly-once check.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TestEmulator } from '../support/emulator.js';
import { sdkClient } from '../support/sdk.js';

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
export function writeInputs(dir: string): { folder: string; batch: string; expected: Map<string, string[]> } {
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
