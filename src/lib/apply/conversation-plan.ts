// The conversation configurations of a plan: matched by display name (or id), their Intelligence Configurations
// resolved against the file's own and the account's, field changes as PATCH sends them. Pure: desired + current in.
import type { ConfigurationInput, ConversationConfiguration } from '../conversations-v2.js';
import { UsageError } from '../errors.js';
import { DEFAULT_STORE_NAME, reusableDefaultStore } from '../memory.js';
import type { Configuration } from '../v3/configurations.js';
import type { DesiredConversationConfiguration, IntelligenceRef } from './conversation-load.js';
import type { FieldChange } from './field-change.js';
import { isIntelligenceConfigurationId } from './ids.js';
import type { CurrentConversations, CurrentV3 } from './state.js';
import type { DesiredConfiguration, DesiredV3 } from './v3-load.js';

/** An Intelligence Configuration as planned: `id` is absent when an earlier step of the apply creates it. */
export interface PlannedIntelligence {
  id?: string;
  name: string;
}

/** What a step sends: the fields (for an update, only those that change) and the Intelligence Configurations. */
export interface PlannedConversationConfiguration {
  input: Omit<ConfigurationInput, 'intelligenceConfigurationIds'>;
  intelligenceConfigurations?: PlannedIntelligence[];
}

export type ConversationStep =
  | {
      action: 'create';
      kind: 'conversation-configuration';
      name: string;
      /** Without a memoryStoreId, ci's default store is reused or made when the step runs. */
      configuration: PlannedConversationConfiguration;
      changes: FieldChange[];
    }
  | {
      action: 'update';
      kind: 'conversation-configuration';
      name: string;
      id: string;
      /** The version the plan read: the update refuses to run if it moved. */
      version: number;
      configuration: PlannedConversationConfiguration;
      changes: FieldChange[];
    }
  | { action: 'delete'; kind: 'conversation-configuration'; name: string; id: string };

export interface ConversationPlanInput {
  desired: DesiredV3;
  current: CurrentV3;
  /** The account's Intelligence Configuration each of the file's means (none: it is created). */
  matched: ReadonlyMap<DesiredConfiguration, Configuration | undefined>;
  /** Intelligence Configurations this plan deletes (--prune): nothing kept may still run them. */
  pruned: ReadonlySet<string>;
  prune: boolean;
  same: (a: unknown, b: unknown) => boolean;
}

/** The fields compared one to one, in the order the plan shows them. */
const SIMPLE_FIELDS = [
  'description',
  'memoryStoreId',
  'conversationGroupingType',
  'memoryExtractionEnabled',
  'conversationsV1Bridge',
] as const;

/** A field as the account has it, with the API's defaults for what it leaves out. */
function currentValue(found: ConversationConfiguration, field: (typeof SIMPLE_FIELDS)[number] | 'statusCallbacks'): unknown {
  switch (field) {
    case 'statusCallbacks':
      return (found.statusCallbacks ?? []).map(({ url, method }) => ({ url, method: method ?? 'POST' }));
    case 'memoryExtractionEnabled':
      return found.memoryExtractionEnabled ?? false;
    case 'conversationsV1Bridge':
      return found.conversationsV1Bridge ?? null;
    default:
      return found[field];
  }
}

function resolveIntelligence(ref: IntelligenceRef, plan: ConversationPlanInput): PlannedIntelligence {
  const { desired, current, matched } = plan;
  if (isIntelligenceConfigurationId(ref.ref)) {
    const found = current.configurations.find((configuration) => configuration.id === ref.ref);
    if (!found)
      throw new UsageError(`${ref.where}: no intelligence configuration ${ref.ref} in this account`, {
        hint: 'see `ci configurations list`',
      });
    return { id: found.id, name: found.displayName };
  }
  const ours = desired.configurations.filter((configuration) => configuration.displayName === ref.ref);
  if (ours.length > 1)
    throw new UsageError(
      `${ref.where}: intelligence configuration name "${ref.ref}" is shared by ${ours.length} configurations of the file`,
      {
        hint: 'refer to one by its ID',
      },
    );
  const [mine] = ours;
  if (mine) {
    const found = matched.get(mine);
    return { ...(found ? { id: found.id } : {}), name: ref.ref };
  }
  const rows = current.configurations.filter((configuration) => configuration.displayName === ref.ref);
  if (rows.length > 1)
    throw new UsageError(
      `${ref.where}: intelligence configuration name "${ref.ref}" is shared by ${rows.map((row) => row.id).join(', ')}`,
      {
        hint: 'refer to one by its ID',
      },
    );
  const [row] = rows;
  if (!row)
    throw new UsageError(`${ref.where}: no intelligence configuration named "${ref.ref}" in the file or the account`, {
      hint: 'see `ci configurations list`',
    });
  return { id: row.id, name: ref.ref };
}

/** Refuses a conversation configuration left running an Intelligence Configuration that --prune deletes. */
function assertNotPruned(ids: readonly string[], where: string, plan: ConversationPlanInput): void {
  const gone = ids.find((id) => plan.pruned.has(id));
  if (gone === undefined) return;
  const name = plan.current.configurations.find((configuration) => configuration.id === gone)?.displayName ?? gone;
  throw new UsageError(
    `${where}: intelligence configuration "${name}" is not in the file's configurations, so --prune would delete it while this conversation configuration runs it`,
    { hint: 'add it to v3.configurations, or take it out of intelligenceConfigurations' },
  );
}

/** The same for one the file does not list (it is read when --prune deletes Intelligence Configurations). */
function assertNotRunningPruned(configuration: ConversationConfiguration, plan: ConversationPlanInput): void {
  const gone = (configuration.intelligenceConfigurationIds ?? []).find((id) => plan.pruned.has(id));
  if (gone === undefined) return;
  const name = plan.current.configurations.find((candidate) => candidate.id === gone)?.displayName ?? gone;
  throw new UsageError(
    `--prune would delete intelligence configuration "${name}", which conversation configuration "${configuration.displayName}" (${configuration.id}) runs`,
    {
      hint: 'add the conversation configuration to v3.conversationConfigurations (to change or prune it too), or keep the intelligence configuration',
    },
  );
}

function matchConversationConfiguration(
  item: DesiredConversationConfiguration,
  conversations: CurrentConversations,
): ConversationConfiguration | undefined {
  if (item.id !== undefined) {
    const found = conversations.configurations.find((candidate) => candidate.id === item.id);
    if (!found)
      throw new UsageError(`${item.where}: no conversation configuration ${item.id} in this account`, {
        hint: 'see `ci conversations configurations list`',
      });
    return found;
  }
  const matches = conversations.configurations.filter((candidate) => candidate.displayName === item.displayName);
  if (matches.length > 1)
    throw new UsageError(
      `${item.where}: conversation configuration name "${item.displayName}" is shared by ${matches.map((match) => match.id).join(', ')}`,
      { hint: 'add `id:` to the item to say which one the file means (`ci export` writes it)' },
    );
  return matches[0];
}

function assertMemoryStore(item: DesiredConversationConfiguration, conversations: CurrentConversations): void {
  const id = item.fields.memoryStoreId;
  if (id === undefined || conversations.memoryStores.some((store) => store.id === id)) return;
  throw new UsageError(`${item.memoryStoreWhere ?? item.where}: no memory store ${id} in this account`, {
    hint: 'see `ci memory stores list`, or leave memoryStoreId out to use ci-conversations',
  });
}

const namesOf = (planned: readonly PlannedIntelligence[]) => planned.map((intelligence) => intelligence.name);

/** Intelligence Configuration IDs in the file's terms: display names (IDs where a name is not unique or the configuration is gone). */
export function intelligenceNames(ids: readonly string[], configurations: readonly Configuration[]): string[] {
  return ids.map((id) => {
    const name = configurations.find((configuration) => configuration.id === id)?.displayName;
    const unique = name !== undefined && configurations.filter((configuration) => configuration.displayName === name).length === 1;
    return unique ? name : id;
  });
}

/** Whether the account's IDs are already the planned ones, in order (one still to be created never is). */
function runsThese(ids: readonly string[], planned: readonly PlannedIntelligence[], same: ConversationPlanInput['same']): boolean {
  return (
    planned.every((intelligence) => intelligence.id !== undefined) &&
    same(
      ids,
      planned.map((intelligence) => intelligence.id),
    )
  );
}

function createStep(
  item: DesiredConversationConfiguration,
  intelligence: PlannedIntelligence[] | undefined,
  conversations: CurrentConversations,
): ConversationStep {
  const { memoryStoreId, ...fields } = item.fields;
  const reused = reusableDefaultStore(conversations.memoryStores);
  const store =
    memoryStoreId === undefined
      ? [{ field: 'memoryStore', from: null, to: `${DEFAULT_STORE_NAME} (${reused ? reused.id : 'to be created'})` }]
      : [{ field: 'memoryStoreId', from: null, to: memoryStoreId }];
  const changes: FieldChange[] = [
    { field: 'displayName', from: null, to: item.displayName },
    ...Object.entries(fields).map(([field, to]) => ({ field, from: null, to })),
    ...store,
    ...(intelligence ? [{ field: 'intelligenceConfigurations', from: null, to: namesOf(intelligence) }] : []),
  ];
  return {
    action: 'create',
    kind: 'conversation-configuration',
    name: item.displayName,
    configuration: {
      input: { displayName: item.displayName, ...item.fields },
      ...(intelligence ? { intelligenceConfigurations: intelligence } : {}),
    },
    changes,
  };
}

function updateStep(
  item: DesiredConversationConfiguration,
  found: ConversationConfiguration,
  intelligence: PlannedIntelligence[] | undefined,
  plan: ConversationPlanInput,
): ConversationStep | undefined {
  const { same } = plan;
  const input: PlannedConversationConfiguration['input'] = {};
  const changes: FieldChange[] = [];
  const change = (field: string, from: unknown, to: unknown) => changes.push({ field, from: from ?? null, to });
  if (item.displayName !== found.displayName) {
    input.displayName = item.displayName;
    change('displayName', found.displayName, item.displayName);
  }
  for (const field of SIMPLE_FIELDS) {
    const to = item.fields[field];
    if (to === undefined || same(currentValue(found, field), to)) continue;
    Object.assign(input, { [field]: to });
    change(field, currentValue(found, field), to);
  }
  const callbacks = item.fields.statusCallbacks;
  if (callbacks !== undefined && !same(currentValue(found, 'statusCallbacks'), callbacks)) {
    input.statusCallbacks = callbacks;
    change('statusCallbacks', currentValue(found, 'statusCallbacks'), callbacks);
  }
  // PATCH merges channel settings by channel: only the channels that change are sent.
  for (const [channel, setting] of Object.entries(item.fields.channelSettings ?? {})) {
    const was = found.channelSettings?.[channel];
    if (same(was, setting)) continue;
    input.channelSettings = { ...input.channelSettings, [channel]: setting };
    change(`channelSettings.${channel}`, was, setting);
  }
  const ids = found.intelligenceConfigurationIds ?? [];
  if (!intelligence) assertNotPruned(ids, item.where, plan);
  const runs = intelligence && !runsThese(ids, intelligence, same) ? intelligence : undefined;
  if (runs) change('intelligenceConfigurations', intelligenceNames(ids, plan.current.configurations), namesOf(runs));
  if (!changes.length) return undefined;
  return {
    action: 'update',
    kind: 'conversation-configuration',
    name: item.displayName,
    id: found.id,
    version: found.version ?? 0,
    configuration: { input, ...(runs ? { intelligenceConfigurations: runs } : {}) },
    changes,
  };
}

/** The steps for the file's conversation configurations, unordered (the caller sorts all steps by kind). */
export function planConversationConfigurations(plan: ConversationPlanInput): ConversationStep[] {
  const items = plan.desired.conversationConfigurations;
  const conversations = plan.current.conversations;
  if (conversations === undefined) return [];
  if (items === undefined) {
    conversations.configurations.forEach((configuration) => assertNotRunningPruned(configuration, plan));
    return [];
  }
  const steps: ConversationStep[] = [];
  const kept = new Set<string>();
  for (const item of items) {
    const found = matchConversationConfiguration(item, conversations);
    if (found) kept.add(found.id);
    assertMemoryStore(item, conversations);
    const intelligence = item.intelligenceConfigurations?.map((ref) => {
      const planned = resolveIntelligence(ref, plan);
      if (planned.id !== undefined) assertNotPruned([planned.id], ref.where, plan);
      return planned;
    });
    const step = found ? updateStep(item, found, intelligence, plan) : createStep(item, intelligence, conversations);
    if (step) steps.push(step);
  }
  if (plan.prune)
    for (const configuration of conversations.configurations.filter((candidate) => !kept.has(candidate.id)))
      steps.push({ action: 'delete', kind: 'conversation-configuration', name: configuration.displayName, id: configuration.id });
  return steps;
}
