// Runs the conversation configuration steps of a plan through lib/conversations-v2 (each operation waited for, so
// the next step sees its result); Intelligence Configurations created earlier in the same apply get their new IDs.
import type { Twilio } from 'twilio';
import type { WaitOptions } from '../conversations-operations.js';
import {
  createConversationConfiguration,
  deleteConversationConfiguration,
  resolveConversationConfiguration,
  updateConversationConfiguration,
} from '../conversations-v2.js';
import { ApiError } from '../errors.js';
import { defaultMemoryStore } from '../memory.js';
import type { ConversationStep, PlannedConversationConfiguration } from './conversation-plan.js';

/** The IDs to send; `created` maps an Intelligence Configuration's display name to the ID an earlier step gave it. */
function intelligenceIds(configuration: PlannedConversationConfiguration, created: ReadonlyMap<string, string>) {
  const planned = configuration.intelligenceConfigurations;
  if (!planned) return {};
  return { intelligenceConfigurationIds: planned.map(({ id, name }) => id ?? created.get(name) ?? name) };
}

/** Runs one step; returns the ID of the conversation configuration it created or changed. */
export async function runConversationStep(
  client: Twilio,
  step: ConversationStep,
  created: ReadonlyMap<string, string>,
  wait: WaitOptions,
): Promise<string> {
  switch (step.action) {
    case 'create': {
      const { input } = step.configuration;
      const memoryStoreId = input.memoryStoreId ?? (await defaultMemoryStore(client, wait)).store.id;
      const displayName = input.displayName ?? step.name;
      const accepted = await createConversationConfiguration(
        client,
        { ...input, displayName, memoryStoreId, ...intelligenceIds(step.configuration, created) },
        wait,
      );
      const id = accepted.related.configurationId ?? accepted.result?.id;
      if (id === undefined) throw new ApiError(`the API made conversation configuration "${step.name}" but did not name it`);
      return id;
    }
    case 'update': {
      // Conversations v2 has no If-Match: the version is read again just before the PATCH.
      const latest = await resolveConversationConfiguration(client, step.id);
      if ((latest.version ?? 0) !== step.version)
        throw new ApiError(
          `conflict: conversation configuration ${step.id} is no longer at version ${step.version} (now ${latest.version ?? 0}); nothing was changed`,
          { hint: 'run `ci diff` to see the account as it is now, then apply again' },
        );
      await updateConversationConfiguration(
        client,
        step.id,
        { ...step.configuration.input, ...intelligenceIds(step.configuration, created) },
        wait,
      );
      return step.id;
    }
    case 'delete':
      await deleteConversationConfiguration(client, step.id, wait);
      return step.id;
  }
}
