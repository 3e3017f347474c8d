// `ci memory stores` and the Conversations v2 verbs of `ci conversations`, in-process against the emulator:
// configurations with names resolved through v3 and a memory store made when none is given, ingesting text
// (speaker lines, JSON lines, folders, a JSONL batch) with --close firing CONVERSATION_END rules, close, delete,
// communications; bad input with exit codes and one-line messages.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ci } from '../support/cli.js';
import { emulatorEnv } from '../support/ci-env.js';
import { useTestEmulator } from '../support/emulator.js';
import { tempDir } from '../support/temp.js';

const directory = tempDir('ci-conversations-v2-');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
};

describe('ci conversations (Conversations v2) and ci memory', () => {
  const emulator = useTestEmulator();
  const run = (args: string[]) => ci(args, { env: emulatorEnv(emulator) });
  const json = async <T>(args: string[]): Promise<T> => {
    const result = await run([...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as T;
  };
  type Configuration = { id: string; displayName: string; memoryStoreId: string; intelligenceConfigurationIds: string[]; version: number };
  type Ingested = { source: string; conversationId: string; name: string; communications: number; status: string };

  it('creates and lists memory stores, waiting until they are ACTIVE unless --no-wait', async () => {
    const store = await json<{ id: string; status: string }>(['memory', 'stores', 'create', '--name', 'support']);
    expect(store).toMatchObject({ displayName: 'support', status: 'ACTIVE' });
    const accepted = await json<{ statusUrl: string }>(['memory', 'stores', 'create', '--name', 'later', '--no-wait']);
    expect(accepted.statusUrl).toContain('/v1/ControlPlane/Operations/');
    const listed = await json<{ id: string; displayName: string }[]>(['memory', 'stores', 'list']);
    expect(listed.map((row) => row.displayName).sort()).toEqual(['later', 'support']);
    const bad = await run(['memory', 'stores', 'create', '--name', 'has spaces']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('creates a conversation configuration naming intelligence configurations by name, with a memory store made for it', async () => {
    await json([
      'configurations',
      'create',
      '--name',
      'post-call',
      '--operator',
      'Sentiment Analysis',
      '--webhook',
      'https://example.com/hook',
    ]);
    const created = await run([
      'conversations',
      'configurations',
      'create',
      '--name',
      'support',
      '--intelligence-configuration',
      'post-call',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const configuration = JSON.parse(created.stdout) as Configuration;
    expect(configuration.intelligenceConfigurationIds).toHaveLength(1);
    expect(configuration.intelligenceConfigurationIds[0]).toMatch(/^intelligence_configuration_/);
    const stores = await json<{ id: string; displayName: string }[]>(['memory', 'stores', 'list']);
    expect(stores.find((store) => store.id === configuration.memoryStoreId)?.displayName).toBe('ci-conversations');

    // A second one reuses ci's store; --memory-store takes a name.
    const second = await json<Configuration>(['conversations', 'configurations', 'create', '--name', 'chats']);
    expect(second.memoryStoreId).toBe(configuration.memoryStoreId);
    const named = await json<Configuration>(['conversations', 'configurations', 'create', '--name', 'named', '--memory-store', 'support']);
    expect(named.memoryStoreId).not.toBe(configuration.memoryStoreId);

    const shown = await json<Configuration>(['conversations', 'configurations', 'show', 'support']);
    expect(shown.id).toBe(configuration.id);
    const list = await run(['conversations', 'configurations', 'list']);
    expect(list.stdout).toContain('support');
    const updated = await json<Configuration>([
      'conversations',
      'configurations',
      'update',
      'chats',
      '--description',
      'Chats',
      '--name',
      'chat-line',
    ]);
    expect(updated).toMatchObject({ displayName: 'chat-line', description: 'Chats', version: 2 });
    const cleared = await json<Configuration>(['conversations', 'configurations', 'update', 'support', '--no-intelligence-configurations']);
    expect(cleared.intelligenceConfigurationIds).toEqual([]);
    await json(['conversations', 'configurations', 'update', 'support', '--intelligence-configuration', 'post-call']);
    const deleted = await run(['conversations', 'configurations', 'delete', 'named', '--yes']);
    expect(deleted.code).toBe(0);
    expect((await run(['conversations', 'configurations', 'show', 'named'])).code).toBe(4);
  });

  it('refuses bad configuration input with one line and exit 2 (or 4 for an unknown name)', async () => {
    const noName = await run(['conversations', 'configurations', 'create']);
    expect(noName.code).toBe(2);
    const unknownIntelligence = await run([
      'conversations',
      'configurations',
      'create',
      '--name',
      'x',
      '--intelligence-configuration',
      'nope',
    ]);
    expect(unknownIntelligence.code).toBe(4);
    expect(unknownIntelligence.stderr).toContain('no configuration named "nope"');
    const badName = await run(['conversations', 'configurations', 'create', '--name', 'semi;colon']);
    expect(badName.code).toBe(2);
    const nothing = await run(['conversations', 'configurations', 'update', 'support']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');
    for (const result of [noName, unknownIntelligence, badName, nothing]) expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('ingests a speaker-lines transcript and closes it, so the CONVERSATION_END rule runs', async () => {
    const path = file('login.txt', 'Agent: Thank you for calling, how can I help?\nCustomer: We cannot log in to your account system.\n');
    const [ingested] = await json<Ingested[]>(['conversations', 'ingest', path, '--configuration', 'support', '--close']);
    expect(ingested).toMatchObject({ source: path, name: 'login', communications: 2, status: 'CLOSED' });
    const communications = await json<{ author: { address: string }; content: { type: string; text: string } }[]>([
      'conversations',
      'communications',
      ingested?.conversationId ?? '',
    ]);
    expect(communications.map((communication) => [communication.author.address, communication.content.text])).toEqual([
      ['agent-1', 'Thank you for calling, how can I help?'],
      ['customer-2', 'We cannot log in to your account system.'],
    ]);
    const table = await run(['conversations', 'communications', ingested?.conversationId ?? '']);
    expect(table.stdout).toContain('We cannot log in to your account system.');
    // The v3 view of the same conversation, with the results of the rule its close fired.
    const v3 = await json<{ status: string; operatorResultIds: string[] }>(['conversations', 'show', ingested?.conversationId ?? '']);
    expect(v3.status).toBe('CLOSED');
    expect(v3.operatorResultIds).toHaveLength(1);
  });

  it('ingests JSON lines, a folder and a JSONL batch; leaves them open without --close; close and delete afterwards', async () => {
    const folder = join(directory, 'chats');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'Customer: Hi\nAgent: Hello\n');
    writeFileSync(
      join(folder, 'b.jsonl'),
      '{"participant": "Customer", "text": "Opening hours?", "at": "2026-01-10T10:00:00Z"}\n{"participant": "Agent", "text": "Ten to six."}\n',
    );
    const batch = file(
      'batch.jsonl',
      [
        JSON.stringify({ file: 'login.txt', name: 'again' }),
        JSON.stringify({ text: 'Agent: One\nCustomer: Two', name: 'inline' }),
        JSON.stringify({ utterances: [{ participant: 'Bot', text: 'Beep' }] }),
      ].join('\n'),
    );
    const rows = await json<Ingested[]>([
      'conversations',
      'ingest',
      folder,
      '--from-file',
      batch,
      '--configuration',
      'support',
      '--channel',
      'sms',
    ]);
    expect(rows.map((row) => [row.name, row.communications, row.status])).toEqual([
      ['a', 2, 'ACTIVE'],
      ['b', 2, 'ACTIVE'],
      ['again', 2, 'ACTIVE'],
      ['inline', 2, 'ACTIVE'],
      ['line 3', 1, 'ACTIVE'],
    ]);
    const [first] = rows;
    const closed = await json<{ status: string }>(['conversations', 'close', first?.conversationId ?? '']);
    expect(closed.status).toBe('CLOSED');
    const again = await run(['conversations', 'close', first?.conversationId ?? '']);
    expect(again.code).toBe(0);
    const deleted = await run(['conversations', 'delete', first?.conversationId ?? '', '--yes']);
    expect(deleted.code).toBe(0);
    expect((await run(['conversations', 'communications', first?.conversationId ?? ''])).code).toBe(4);
  });

  it('refuses bad ingest input before sending anything, with one line and exit 2', async () => {
    const before = await json<unknown[]>(['conversations', 'list']);
    const broken = file('broken.txt', 'Agent: fine\n');
    const batch = file('bad-batch.jsonl', `${JSON.stringify({ file: 'broken.txt' })}\n{"speaker": "x"}\n`);
    const cases = [
      ['conversations', 'ingest', file('nonsense.txt', 'no speaker here\n'), '--configuration', 'support'],
      ['conversations', 'ingest', broken, '--from-file', batch, '--configuration', 'support'],
      ['conversations', 'ingest', '--configuration', 'support'],
      ['conversations', 'ingest', broken, broken, '--name', 'one', '--configuration', 'support'],
      ['conversations', 'ingest', broken, '--start', 'yesterday', '--configuration', 'support'],
      ['conversations', 'ingest', broken],
      ['conversations', 'close', 'conv_conversation_nope'],
    ];
    for (const args of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(await json<unknown[]>(['conversations', 'list'])).toHaveLength(before.length);
    const missing = await run(['conversations', 'ingest', join(directory, 'missing.txt'), '--configuration', 'support']);
    expect(missing.code).toBe(2);
    const unknown = await run(['conversations', 'ingest', broken, '--configuration', 'nope']);
    expect(unknown.code).toBe(4);
  });
});
