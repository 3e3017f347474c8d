// lib/conversations-ingest over a fake Conversations v2 client whose writes can be applied and then lost: an
// uncertain conversation create is found by its marker (not made twice), an uncertain communication is listed
// before the next is sent (not duplicated, none skipped), and communications ci did not send stop the input.
import type { Twilio } from 'twilio';
import { describe, expect, it } from 'vitest';
import { BulkState } from '../../src/lib/bulk-state.js';
import { UncertainWriteError } from '../../src/lib/client.js';
import { parseConversationText } from '../../src/lib/conversation-text.js';
import {
  heldPrefix,
  ingestConversations,
  markerOf,
  type ConversationItem,
  type ConversationLine,
} from '../../src/lib/conversations-ingest.js';
import { planConversation } from '../../src/lib/conversations-v2.js';

const CONFIGURATION = 'conv_configuration_00000000000000000000000001';

interface Stored {
  id: string;
  configurationId: string;
  name: string;
  status: string;
  createdAt: Date;
  participants: { addresses: { channel: string; address: string; channelId?: string }[] }[];
  communications: { author: { address: string }; content: { text: string } }[];
}

/** Writes are applied, then `lose` may throw as if the answer never came back. */
function fakeClient(lose: (what: 'conversation' | 'communication', count: number) => boolean) {
  const conversations: Stored[] = [];
  let creates = 0;
  let posts = 0;
  const find = (id: string) => {
    const found = conversations.find((conversation) => conversation.id === id);
    if (!found) throw Object.assign(new Error(`no ${id}`), { status: 404 });
    return found;
  };
  const conversationsApi = Object.assign(
    (id: string) => ({
      fetch: () => Promise.resolve({ ...find(id), createdAt: find(id).createdAt.toISOString() }),
      patch: (body: { status: string }) => {
        find(id).status = body.status;
        return Promise.resolve({ status: body.status });
      },
    }),
    {
      create(body: Omit<Stored, 'id' | 'status' | 'createdAt' | 'communications'>) {
        const stored = {
          ...body,
          id: `conv_conversation_${String(++creates).padStart(26, '0')}`,
          status: 'ACTIVE',
          createdAt: new Date(),
          communications: [],
        };
        conversations.push(stored);
        if (lose('conversation', creates)) return Promise.reject(new UncertainWriteError('/v2/Conversations', new Error('ECONNRESET')));
        return Promise.resolve({ id: stored.id, name: stored.name, status: stored.status });
      },
      list: () => Promise.resolve(conversations.map((conversation) => ({ ...conversation }))),
    },
  );
  const client = {
    conversations: {
      v2: {
        conversations: conversationsApi,
        communications: (id: string) => ({
          create(body: Stored['communications'][number]) {
            find(id).communications.push(body);
            if (lose('communication', ++posts)) return Promise.reject(Object.assign(new Error('Internal Server Error'), { status: 500 }));
            return Promise.resolve(body);
          },
          list: () => Promise.resolve(find(id).communications),
        }),
      },
    },
  };
  return { client: client as unknown as Twilio, conversations };
}

const item = (input: string, text: string): ConversationItem => ({ input, line: 1, name: input, written: parseConversationText(text) });

async function ingest(client: Twilio, items: ConversationItem[]): Promise<ConversationLine[]> {
  const now = () => new Date();
  const options = { concurrency: 2, signal: new AbortController().signal, state: BulkState.none(now), now };
  const lines: ConversationLine[] = [];
  for await (const line of ingestConversations(client, items, { ...options, configurationId: CONFIGURATION, channel: 'CHAT', close: true }))
    lines.push(line);
  return lines;
}

describe('bulk conversation ingest', () => {
  const items = [item('a.txt', 'Agent: one\nCustomer: two\nAgent: three'), item('b.txt', 'Customer: four\nAgent: five')];

  it('finds a conversation whose create was applied but unanswered, by its marker, instead of making a second', async () => {
    const { client, conversations } = fakeClient((what, count) => what === 'conversation' && count === 1);
    const lines = await ingest(client, items);
    expect(lines.map((line) => line.outcome)).toEqual(['created', 'created']);
    expect(conversations.map((conversation) => conversation.name).sort()).toEqual(['a.txt', 'b.txt']);
    expect(conversations.every((conversation) => conversation.status === 'CLOSED')).toBe(true);
  });

  it('lists the communications again after one was applied but failed, so none is sent twice or skipped', async () => {
    const { client, conversations } = fakeClient((what, count) => what === 'communication' && (count === 2 || count === 3));
    const lines = await ingest(client, items);
    expect(lines.map((line) => [line.source, line.communications, line.status])).toEqual(
      expect.arrayContaining([
        ['a.txt', 3, 'CLOSED'],
        ['b.txt', 2, 'CLOSED'],
      ]),
    );
    const texts = (name: string) =>
      conversations.find((conversation) => conversation.name === name)?.communications.map((c) => c.content.text);
    expect(texts('a.txt')).toEqual(['one', 'two', 'three']);
    expect(texts('b.txt')).toEqual(['four', 'five']);
  });

  it('marks a create by everything it sends, and reads what a conversation holds as a prefix of the plan', () => {
    const [a, b] = items;
    if (!a || !b) throw new Error('two items');
    expect(markerOf(a, CONFIGURATION, 'CHAT')).toBe(markerOf({ ...a }, CONFIGURATION, 'CHAT'));
    expect(new Set([a, b, { ...a, name: 'other' }].map((x) => markerOf(x, CONFIGURATION, 'CHAT'))).size).toBe(3);
    expect(markerOf(a, CONFIGURATION, 'SMS')).not.toBe(markerOf(a, CONFIGURATION, 'CHAT'));
    const planned = planConversation(a.written, 'CHAT', undefined).communications;
    const held = planned.map((communication) => ({ author: communication.author, content: communication.content }));
    expect(heldPrefix('c', held.slice(0, 2), planned)).toBe(2);
    expect(heldPrefix('c', [], planned)).toBe(0);
    expect(() => heldPrefix('c', [held[1] ?? {}], planned)).toThrow(/holds a communication ci did not send \(number 1\)/);
    expect(() => heldPrefix('c', [...held, held[0] ?? {}], planned)).toThrow(/number 4/);
  });
});
