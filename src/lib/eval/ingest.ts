// Getting labelled conversations in through Conversations v2, for an evaluation only: a scratch Memory store and
// conversation configuration naming the scratch intelligence configuration, then one conversation per example
// (ingested as `ci conversations ingest` does). The conversations stay ACTIVE, so no trigger fires; the evaluation
// executes its rule by hand. The scratch creates are retried safely (steps.ts); a conversation only after a 429 (run.ts).
import type { Twilio } from 'twilio';
import { DEFAULT_WAIT, type WaitOptions } from '../conversations-operations.js';
import {
  createConversationConfiguration,
  ingestConversation,
  listConversationConfigurations,
  waitForConversationsOperation,
} from '../conversations-v2.js';
import { ApiError, WaitError } from '../errors.js';
import { createMemoryStore, fetchMemoryStore, listMemoryStores, waitForMemoryStore } from '../memory.js';
import { sleep } from '../time.js';
import type { Ingest } from './run.js';
import { scratchName, type Scratch } from './scratch.js';
import { createdOnce } from './steps.js';

/** A create that was answered (where to poll it), or a resource found by name after an uncertain one (its ID). */
type Started = { statusUrl: string; id?: string } | { statusUrl?: undefined; id: string };

export function conversationsIngest(client: Twilio, signal: AbortSignal): Ingest {
  const wait = { ...DEFAULT_WAIT, signal };
  let configurationId: string | undefined;
  return {
    async prepare(intelligenceConfigurationId: string, scratch: Scratch, label: string) {
      const name = scratchName(label);
      const { description } = scratch;
      const store = await createdOnce<Started>(signal, {
        create: () => createMemoryStore(client, { displayName: name, description }, undefined),
        find: async () => idOf((await listMemoryStores(client)).find((candidate) => candidate.displayName === name)),
      });
      const storeId =
        store.statusUrl !== undefined
          ? await waitForMemoryStore(client, name, store.statusUrl, wait)
          : await activeStore(client, store.id, wait);
      scratch.add('memoryStores', storeId);
      const input = { displayName: name, description, memoryStoreId: storeId, intelligenceConfigurationIds: [intelligenceConfigurationId] };
      const configuration = await createdOnce<Started>(signal, {
        create: async () => {
          const accepted = await createConversationConfiguration(client, input, undefined);
          return { statusUrl: accepted.statusUrl, id: accepted.related.configurationId };
        },
        find: async () => idOf((await listConversationConfigurations(client)).find((candidate) => candidate.displayName === name)),
      });
      const id = configuration.id;
      if (!id) throw new ApiError('the scratch conversation configuration was accepted without its ID');
      // Recorded before waiting, so Ctrl-C meanwhile still deletes it (clean-up waits without a signal).
      scratch.add('conversationConfigurations', id);
      if (configuration.statusUrl) {
        await waitForConversationsOperation(client, `conversation configuration "${name}"`, configuration.statusUrl, wait);
      }
      configurationId = id;
    },

    async conversation(example, scratch) {
      if (!configurationId) throw new Error('prepare() first');
      const ingested = await ingestConversation(client, example.written, {
        configurationId,
        name: example.id.slice(0, 128),
        channel: 'CHAT',
        close: false,
        onCreated: (id) => scratch.add('conversations', id),
      });
      return ingested.conversationId;
    },
  };
}

function idOf(found: { id: string } | undefined): Started | undefined {
  return found && { id: found.id };
}

/** A store found by name after an uncertain create may still be provisioning: its ID once it is ACTIVE. */
async function activeStore(client: Twilio, id: string, wait: WaitOptions): Promise<string> {
  const deadline = Date.now() + wait.timeoutMs;
  for (;;) {
    const { status } = await fetchMemoryStore(client, id);
    if (status === 'ACTIVE') return id;
    if (status === 'FAILED') throw new ApiError(`the scratch memory store ${id} failed to provision`);
    if (Date.now() > deadline) throw new WaitError(`timed out waiting for memory store ${id} (still ${status})`);
    await sleep(wait.intervalMs, wait.signal);
  }
}
