// Shared by the Conversations v2 / Memory v1 emulator tests: operations polled to the end, a memory store made
// ready, and a local server that receives (and records) the signed rule-execution webhooks.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { Client } from './v3-support.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The operation ID at the end of a statusUrl. */
export function operationIdOf(statusUrl: string | undefined): string {
  const id = new URL(statusUrl ?? 'http://invalid/').pathname.split('/').pop();
  if (!id) throw new Error(`no operation in ${String(statusUrl)}`);
  return id;
}

/** Polls a Conversations v2 operation until it is no longer PENDING. */
export async function conversationsOperationDone(client: Client, statusUrl: string | undefined): Promise<string> {
  const id = operationIdOf(statusUrl);
  for (;;) {
    const operation = await client.conversations.v2.operations(id).fetch();
    if (operation.status !== 'PENDING') return operation.status ?? '';
    await pause(25);
  }
}

/** Polls a Memory v1 operation until it has ended; its result names the resource. */
export async function memoryOperationDone(client: Client, statusUrl: string | undefined): Promise<{ status: string; id: string }> {
  const id = operationIdOf(statusUrl);
  for (;;) {
    const operation = await client.memory.v1.operations(id).fetch();
    if (operation.status !== 'PENDING' && operation.status !== 'RUNNING') return { status: operation.status, id: operation.result.id };
    await pause(25);
  }
}

/** A new memory store, once ACTIVE. */
export async function activeMemoryStore(client: Client, displayName: string): Promise<string> {
  const accepted = await client.memory.v1.stores.create({ displayName });
  return (await memoryOperationDone(client, accepted.statusUrl)).id;
}

export interface ReceivedWebhook {
  /** The full URL as the emulator addressed it (it is what the signature covers). */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once `count` webhooks have arrived. */
  waitFor(count: number): Promise<ReceivedWebhook[]>;
  /** The status the next requests are answered with (default 200). */
  answer: number;
}

/** A receiver on a free loopback port for the enclosing suite. */
export function useWebhookReceiver(): WebhookReceiver {
  const receiver: WebhookReceiver = { url: '', received: [], answer: 200, waitFor: () => Promise.resolve([]) };
  const waiters: (() => void)[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.received.push({
        url: `${receiver.url}${request.url ?? ''}`,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(receiver.answer).end();
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  receiver.waitFor = async (count) => {
    while (receiver.received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return receiver.received.slice(0, count);
  };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return receiver;
}
