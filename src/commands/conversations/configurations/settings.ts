// Flags → the fields of a conversation configuration: names resolved to IDs (Intelligence Configurations through v3,
// memory stores through Memory v1), URLs checked.
import type { Twilio } from 'twilio';
import type { ConfigurationInput, GroupingType } from '../../../lib/conversations-v2.js';
import { UsageError } from '../../../lib/errors.js';
import { resolveMemoryStore } from '../../../lib/memory.js';
import { resolveConfiguration } from '../../../lib/v3/configurations.js';

export interface SettingFlags {
  name?: string;
  description?: string;
  intelligenceConfiguration?: string[];
  memoryStore?: string;
  grouping?: GroupingType;
  statusCallback?: string[];
}

export async function settingsOf(client: Twilio, flags: SettingFlags): Promise<ConfigurationInput> {
  const input: ConfigurationInput = {};
  if (flags.name !== undefined) input.displayName = flags.name;
  if (flags.description !== undefined) input.description = flags.description;
  if (flags.grouping !== undefined) input.conversationGroupingType = flags.grouping;
  if (flags.intelligenceConfiguration !== undefined) {
    if (flags.intelligenceConfiguration.length > 5) throw new UsageError('at most 5 --intelligence-configuration');
    const ids: string[] = [];
    for (const ref of flags.intelligenceConfiguration) ids.push((await resolveConfiguration(client, ref)).id);
    input.intelligenceConfigurationIds = ids;
  }
  if (flags.memoryStore !== undefined) input.memoryStoreId = (await resolveMemoryStore(client, flags.memoryStore)).id;
  if (flags.statusCallback !== undefined) {
    if (flags.statusCallback.length > 2) throw new UsageError('at most 2 --status-callback');
    for (const url of flags.statusCallback) {
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
        throw new UsageError(`--status-callback ${url}: not an http(s) URL`);
    }
    input.statusCallbacks = flags.statusCallback.map((url) => ({ url, method: 'POST' }));
  }
  return input;
}
