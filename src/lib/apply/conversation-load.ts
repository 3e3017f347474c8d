// The `v3.conversationConfigurations` list of a configuration file: Conversations v2 configurations keyed by display
// name, naming the Intelligence Configurations they run by name or ID (resolved when the plan is made).
import type { ChannelSetting, ConfigurationInput, GroupingType } from '../conversations-v2.js';
import { displayNameKeys, duplicates, isHttpUrl } from './parts.js';
import type { PathSegment, Problem, SourceFile } from './source.js';

export interface FileConversationConfiguration {
  displayName: string;
  id?: string;
  description?: string;
  intelligenceConfigurations?: string[];
  memoryStoreId?: string;
  conversationGroupingType?: GroupingType;
  statusCallbacks?: { url: string; method?: 'POST' | 'GET' }[];
  channelSettings?: Record<string, ChannelSetting>;
  memoryExtractionEnabled?: boolean;
  conversationsV1Bridge?: { serviceId: string };
}

/** The fields a file manages besides the display name and the Intelligence Configurations (named, not by ID). */
export type ConversationFields = Omit<ConfigurationInput, 'displayName' | 'intelligenceConfigurationIds'>;

export interface IntelligenceRef {
  /** A displayName or an intelligence configuration ID. */
  ref: string;
  where: string;
}

export interface DesiredConversationConfiguration {
  displayName: string;
  /** Given only to pick one of several conversation configurations that share the name. */
  id?: string;
  /** Only the fields the file gives: the others are left as they are (or default, for a new one). */
  fields: ConversationFields;
  /** Absent: the Intelligence Configurations it runs are left as they are. */
  intelligenceConfigurations?: IntelligenceRef[];
  where: string;
  /** file:line:column of the memoryStoreId, for a store the account does not have. */
  memoryStoreWhere?: string;
}

const FIELDS = [
  'description',
  'memoryStoreId',
  'conversationGroupingType',
  'channelSettings',
  'memoryExtractionEnabled',
  'conversationsV1Bridge',
] as const satisfies ReadonlyArray<keyof ConversationFields & keyof FileConversationConfiguration>;

function statusCallbackProblems(item: FileConversationConfiguration, path: PathSegment[]): Problem[] {
  return (item.statusCallbacks ?? []).flatMap(({ url }, index) =>
    isHttpUrl(url) ? [] : [{ path: [...path, 'statusCallbacks', index, 'url'], message: `${url} is not an http(s) URL` }],
  );
}

function conversationConfigurationOf(
  item: FileConversationConfiguration,
  path: PathSegment[],
  source: SourceFile,
  problems: Problem[],
): DesiredConversationConfiguration {
  problems.push(...statusCallbackProblems(item, path));
  const fields: ConversationFields = {};
  for (const field of FIELDS) if (item[field] !== undefined) Object.assign(fields, { [field]: item[field] });
  // The API defaults a callback's method to POST: written out, so an export compares equal.
  if (item.statusCallbacks !== undefined)
    fields.statusCallbacks = item.statusCallbacks.map(({ url, method }) => ({ url, method: method ?? 'POST' }));
  return {
    displayName: item.displayName,
    ...(item.id === undefined ? {} : { id: item.id }),
    fields,
    ...(item.intelligenceConfigurations === undefined
      ? {}
      : {
          intelligenceConfigurations: item.intelligenceConfigurations.map((ref, index) => ({
            ref,
            where: source.where([...path, 'intelligenceConfigurations', index]),
          })),
        }),
    where: source.where(path),
    ...(item.memoryStoreId === undefined ? {} : { memoryStoreWhere: source.where([...path, 'memoryStoreId']) }),
  };
}

/** The list, checked from the file alone; undefined when the file has none (so --prune leaves them alone). */
export function loadConversationConfigurations(
  items: FileConversationConfiguration[] | undefined,
  source: SourceFile,
  problems: Problem[],
): DesiredConversationConfiguration[] | undefined {
  if (items === undefined) return undefined;
  const path = ['v3', 'conversationConfigurations'];
  duplicates(displayNameKeys(items), 'conversation configuration', path, problems);
  return items.map((item, index) => conversationConfigurationOf(item, [...path, index], source, problems));
}
