// Memory v1 stores (`client.memory.v1`), as far as a Conversations v2 configuration needs one. No IO.
import type { Twilio } from 'twilio';
import { ApiError, NotFoundError, UsageError } from './errors.js';
import { operationIdOf, waitForOperation, type WaitOptions } from './conversations-operations.js';

export interface MemoryStore {
  id: string;
  displayName: string;
  description?: string;
  status: string;
  version: number;
}

/** What a create says: where to poll, and the store once the operation has named it (when waited for). */
export interface CreatedStore {
  statusUrl: string;
  store?: MemoryStore;
}

const STORE_ID = /^mem_(store|service)_[0-7][0-9a-z]{25}$/;
const DISPLAY_NAME = /^[a-zA-Z0-9-]{1,64}$/;
/** The store `ci` makes when a conversation configuration needs one and none is given or exists. */
export const DEFAULT_STORE_NAME = 'ci-conversations';

/**
 * Every store with its details. The list answers IDs only; twilio-node 6.3.1's list() stops after the first page
 * (it looks for a nextPageUrl a token page does not have), so the IDs are read with each(), which follows nextToken.
 */
export async function listMemoryStores(client: Twilio): Promise<MemoryStore[]> {
  const ids: string[] = [];
  await new Promise<void>((resolve, reject) => {
    client.memory.v1.stores.each({ pageSize: 100, done: (error?: Error) => (error ? reject(error) : resolve()) }, (id: unknown) => {
      if (typeof id === 'string') ids.push(id);
    });
  });
  return Promise.all(ids.map((id) => fetchMemoryStore(client, id)));
}

export async function fetchMemoryStore(client: Twilio, id: string): Promise<MemoryStore> {
  if (!STORE_ID.test(id))
    throw new UsageError(`"${id}" is not a memory store ID (mem_store_ and 26 characters)`, { hint: 'see `ci memory stores list`' });
  const store = await client.memory.v1.stores(id).fetch();
  return {
    id: store.id ?? id,
    displayName: store.displayName ?? '',
    ...(store.description === undefined ? {} : { description: store.description }),
    status: store.status ?? '',
    version: store.version ?? 0,
  };
}

/** A store by ID or display name. */
export async function resolveMemoryStore(client: Twilio, ref: string): Promise<MemoryStore> {
  if (STORE_ID.test(ref)) return fetchMemoryStore(client, ref);
  const matches = (await listMemoryStores(client)).filter((store) => store.displayName === ref);
  const [only, ...more] = matches;
  if (!only) throw new NotFoundError(`no memory store named "${ref}"`, { hint: 'see `ci memory stores list`' });
  if (more.length) throw new UsageError(`${matches.length} memory stores are named "${ref}"`, { hint: 'give its ID' });
  return only;
}

/** Creates a store; with `wait`, polls its operation and returns the store (ACTIVE once the operation completes). */
export async function createMemoryStore(
  client: Twilio,
  input: { displayName: string; description?: string },
  wait: WaitOptions | undefined,
): Promise<CreatedStore> {
  if (!DISPLAY_NAME.test(input.displayName)) throw new UsageError('a memory store name is 1 to 64 letters, digits or hyphens');
  const accepted = await client.memory.v1.stores.create({
    displayName: input.displayName,
    ...(input.description === undefined ? {} : { description: input.description }),
  });
  const statusUrl = accepted.statusUrl;
  if (!statusUrl) throw new ApiError('the API accepted the memory store but gave no status URL');
  if (!wait) return { statusUrl };
  const storeId = await waitForMemoryStore(client, input.displayName, statusUrl, wait);
  return { statusUrl, store: await fetchMemoryStore(client, storeId) };
}

/** Polls a store's creation (the operation its `statusUrl` names) until it has completed: the store's ID. */
export async function waitForMemoryStore(client: Twilio, displayName: string, statusUrl: string, wait: WaitOptions): Promise<string> {
  const operationId = operationIdOf(statusUrl);
  let storeId: string | undefined;
  await waitForOperation(
    `memory store "${displayName}"`,
    statusUrl,
    async () => {
      const operation = await client.memory.v1.operations(operationId).fetch();
      storeId = operation.result?.id;
      return { status: operation.status, problem: operation.error?.detail ?? operation.error?.title };
    },
    wait,
  );
  if (!storeId) throw new ApiError(`memory store "${displayName}" was made, but its operation does not name it`, { hint: statusUrl });
  return storeId;
}

/** Deletes a store (what uses it must be gone first). */
export async function deleteMemoryStore(client: Twilio, id: string): Promise<void> {
  await client.memory.v1.stores(id).remove();
}

/** Of the account's stores, the one made by `ci` before that a new conversation configuration reuses, if any. */
export function reusableDefaultStore(stores: readonly MemoryStore[]): MemoryStore | undefined {
  return stores.find((store) => store.displayName === DEFAULT_STORE_NAME && store.status !== 'FAILED');
}

/** The store a new conversation configuration uses when none is named: one made by `ci` before, else a new one. */
export async function defaultMemoryStore(client: Twilio, wait: WaitOptions): Promise<{ store: MemoryStore; created: boolean }> {
  const existing = reusableDefaultStore(await listMemoryStores(client));
  if (existing) return { store: existing, created: false };
  const { store } = await createMemoryStore(
    client,
    { displayName: DEFAULT_STORE_NAME, description: 'Made by ci for conversation configurations' },
    wait,
  );
  if (!store) throw new ApiError('the new memory store could not be read back');
  return { store, created: true };
}
