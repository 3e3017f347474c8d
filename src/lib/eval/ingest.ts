// Getting labelled conversations in through Conversations v2, for an evaluation only: a scratch Memory store and
// conversation configuration naming the scratch intelligence configuration, then one conversation per example
// (ingested as `ci conversations ingest` does). The conversations stay ACTIVE, so no trigger fires; the evaluation
// executes its rule by hand. Retrying (only after a 429) is the evaluation's: see run.ts.
import type { Twilio } from 'twilio';
import { DEFAULT_WAIT } from '../conversations-operations.js';
import {
  createConversationConfiguration,
  deleteConversation,
  deleteConversationConfiguration,
  ingestConversation,
  waitForConversationsOperation,
} from '../conversations-v2.js';
import { ApiError } from '../errors.js';
import { createMemoryStore, deleteMemoryStore, waitForMemoryStore } from '../memory.js';
import type { Ingest } from './run.js';
import type { Scratch } from './scratch.js';

/** `label` made fit for both APIs' display names (letters, digits, hyphens; at most 32 characters). */
function scratchName(label: string): string {
  return `ci-eval-${label.replace(/[^a-zA-Z0-9]+/g, '')}`.slice(0, 32);
}

export function conversationsIngest(client: Twilio, signal: AbortSignal): Ingest {
  const wait = { ...DEFAULT_WAIT, signal };
  let configurationId: string | undefined;
  return {
    async prepare(intelligenceConfigurationId: string, scratch: Scratch, label: string) {
      const name = scratchName(label);
      const description = 'Scratch resource of `ci operators eval`; deleted when the evaluation ends.';
      const { statusUrl } = await createMemoryStore(client, { displayName: name, description }, undefined);
      const storeId = await waitForMemoryStore(client, name, statusUrl, wait);
      scratch.add('memoryStores', storeId, (cleaner) => deleteMemoryStore(cleaner, storeId));
      const accepted = await createConversationConfiguration(
        client,
        { displayName: name, description, memoryStoreId: storeId, intelligenceConfigurationIds: [intelligenceConfigurationId] },
        undefined,
      );
      const id = accepted.related.configurationId;
      if (!id) throw new ApiError('the scratch conversation configuration was accepted without its ID');
      // Recorded before waiting, so Ctrl-C meanwhile still deletes it; clean-up waits without a signal.
      scratch.add('conversationConfigurations', id, async (cleaner) => {
        await deleteConversationConfiguration(cleaner, id, DEFAULT_WAIT);
      });
      await waitForConversationsOperation(client, `conversation configuration "${name}"`, accepted.statusUrl, wait);
      configurationId = id;
    },

    async conversation(example, scratch) {
      if (!configurationId) throw new Error('prepare() first');
      const ingested = await ingestConversation(client, example.written, {
        configurationId,
        name: example.id.slice(0, 128),
        channel: 'CHAT',
        close: false,
        onCreated: (id) =>
          scratch.add('conversations', id, async (cleaner) => {
            await deleteConversation(cleaner, id, DEFAULT_WAIT);
          }),
      });
      return ingested.conversationId;
    },
  };
}
