// Memory v1 stores through the official SDK's client.memory.v1: create (202, no ID) and its operation, the store's
// QUEUED → PROVISIONING → ACTIVE, list (IDs, token paging, order), fetch, delete, and the 404 of other Memory paths.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../support/emulator.js';
import { rejection, sdkClient } from '../support/sdk.js';
import { activeMemoryStore, memoryOperationDone } from './conversations-support.js';
import { raw, type Client } from './v3-support.js';

describe('Memory v1 stores through the official twilio SDK', () => {
  const emulator = useTestEmulator();
  let client: Client;

  beforeAll(() => {
    client = sdkClient(emulator);
  });

  it('accepts a create with 202 {message, statusUrl} and no ID; the operation names the store once it is ACTIVE', async () => {
    const response = await client.memory.v1.stores.createWithHttpInfo({ displayName: 'support-calls', description: 'Calls' });
    expect(response.statusCode).toBe(202);
    expect(response.body.id).toBeUndefined();
    expect(response.body.message).toBe('Memory Store creation accepted for processing.');
    expect(response.body.statusUrl).toMatch(/\/v1\/ControlPlane\/Operations\/mem_operation_[0-7][0-9a-z]{25}$/);
    expect(response.headers['location']).toBe(response.body.statusUrl);

    const { status, id } = await memoryOperationDone(client, response.body.statusUrl);
    expect(status).toBe('COMPLETED');
    const store = await client.memory.v1.stores(id).fetch();
    expect(store).toMatchObject({ id, displayName: 'support-calls', description: 'Calls', status: 'ACTIVE', version: 1 });
    expect(store.intelligenceServiceId).toBeNull();
  });

  it('moves a new store from QUEUED to PROVISIONING to ACTIVE, never back', async () => {
    const accepted = await client.memory.v1.stores.create({ displayName: 'provisioning' });
    const { id } = await memoryOperationDone(client, accepted.statusUrl);
    const order = ['QUEUED', 'PROVISIONING', 'ACTIVE'];
    const seen: string[] = [];
    const other = await client.memory.v1.stores.createWithHttpInfo({ displayName: 'watched' });
    const operation = await client.memory.v1.operations(other.body.statusUrl?.split('/').pop() ?? '').fetch();
    expect(['PENDING', 'RUNNING', 'COMPLETED']).toContain(operation.status);
    // The new store is listed at once (first, newest first), and its status only moves forward until it is ACTIVE.
    const [newest] = await client.memory.v1.stores.list({ pageSize: 1 });
    for (;;) {
      const status = (await client.memory.v1.stores(String(newest)).fetch()).status ?? '';
      if (seen[seen.length - 1] !== status) seen.push(status);
      if (status === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen.map((status) => order.indexOf(status))).toEqual([...seen.map((status) => order.indexOf(status))].sort());
    expect((await client.memory.v1.stores(id).fetch()).status).toBe('ACTIVE');
  });

  it('lists store IDs with token paging, newest first unless orderBy=ASC', async () => {
    const ids = [await activeMemoryStore(client, 'a'), await activeMemoryStore(client, 'b'), await activeMemoryStore(client, 'c')];
    const pages: string[][] = [];
    let response = await raw(emulator, 'GET', '/v1/ControlPlane/Stores?pageSize=2');
    for (;;) {
      const body = response.body as { stores: string[]; meta: { key: string; pageSize: number; nextToken?: string } };
      expect(body.meta).toMatchObject({ key: 'stores', pageSize: body.stores.length });
      pages.push(body.stores);
      if (!body.meta.nextToken) break;
      response = await raw(emulator, 'GET', `/v1/ControlPlane/Stores?pageSize=2&pageToken=${body.meta.nextToken}`);
    }
    const all = pages.flat();
    expect(pages.length).toBeGreaterThan(1);
    expect(all.slice(0, 3)).toEqual([...ids].reverse());
    const ascending = (await raw(emulator, 'GET', '/v1/ControlPlane/Stores?orderBy=ASC&pageSize=100')).body as { stores: string[] };
    expect(ascending.stores).toEqual([...all].reverse());

    // twilio-node 6.3.1 (docs/v3.md): list() returns the first page's ID strings only (it looks for a nextPageUrl a
    // token page does not have); each() follows nextToken and yields every ID string.
    const listed: unknown[] = await client.memory.v1.stores.list({ pageSize: 2 });
    expect(listed).toEqual(pages[0]);
    const each: unknown[] = [];
    await new Promise<void>((resolve) =>
      client.memory.v1.stores.each({ pageSize: 2, done: () => resolve() }, (store) => void each.push(store)),
    );
    expect(each).toEqual(all);
  });

  it('refuses bad input with 400 and Twilio error bodies', async () => {
    const badName = await rejection(client.memory.v1.stores.create({ displayName: 'no spaces allowed' }));
    expect(badName).toMatchObject({ status: 400, code: 20001 });
    expect(badName.message).toContain('displayName');
    expect((await raw(emulator, 'GET', '/v1/ControlPlane/Stores?pageSize=101')).status).toBe(400);
    const formBody = await raw(emulator, 'POST', '/v1/ControlPlane/Stores', 'displayName=x', 'application/x-www-form-urlencoded');
    expect(formBody.status).toBe(415);
    expect(formBody.body).toMatchObject({ code: 20415, status: 415, more_info: expect.stringContaining('20415') as unknown });
  });

  it('deletes a store with 202 {message, statusUrl}; it is gone at once', async () => {
    const id = await activeMemoryStore(client, 'short-lived');
    const deleted = await client.memory.v1.stores(id).removeWithHttpInfo();
    expect(deleted.statusCode).toBe(202);
    expect(deleted.body.statusUrl).toContain('/v1/ControlPlane/Operations/');
    expect(await rejection(client.memory.v1.stores(id).fetch())).toMatchObject({ status: 404, code: 20404 });
    expect(await rejection(client.memory.v1.stores(id).remove())).toMatchObject({ status: 404 });
  });

  it('answers every other Memory path 404 with Twilio error body', async () => {
    const id = await activeMemoryStore(client, 'profiles');
    const profiles = await raw(emulator, 'GET', `/v1/Stores/${id}/Profiles`);
    expect(profiles.status).toBe(404);
    expect(profiles.body).toEqual({
      code: 20404,
      message: `The requested resource /v1/Stores/${id}/Profiles was not found`,
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
    expect(await rejection(client.memory.v1.operations('mem_operation_00000000000000000000000000').fetch())).toMatchObject({ status: 404 });
  });
});
