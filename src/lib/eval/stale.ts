// What an evaluation killed outright (SIGKILL, a lost machine) left behind: scratch resources named after a run
// that started long ago, and that were to be deleted at its end (not --keep). Found by name and description,
// so nothing of the user's, and nothing of a run still going, is ever touched.
import type { Twilio } from 'twilio';
import { listConversationConfigurations } from '../conversations-v2.js';
import { listMemoryStores } from '../memory.js';
import { listConfigurations } from '../v3/configurations.js';
import type { Kept } from './report.js';
import { DELETED_AT_END, Scratch } from './scratch.js';

/** A run that started this long ago has ended, one way or another. */
export const STALE_AFTER_MS = 6 * 60 * 60_000;

/** `ci eval 2026-12-01T17:05:10.123Z …`: the start time of the run that made an intelligence configuration. */
const DISPLAY_NAME_TIME = /^ci eval (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)/;
/** `ci-eval-20261201T170510123Z…`: the same in a memory store's or conversation configuration's name. */
const NAME_TIME = /^ci-eval-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})Z/;

/** When the run that made a scratch resource of this name started; undefined for any other name. */
export function scratchStartOf(name: string): Date | undefined {
  const iso = DISPLAY_NAME_TIME.exec(name)?.[1];
  if (iso) return new Date(iso);
  const parts = NAME_TIME.exec(name)?.slice(1).map(Number);
  if (!parts) return undefined;
  const [year = 0, month = 1, day = 1, hours = 0, minutes = 0, seconds = 0, ms = 0] = parts;
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds, ms));
}

interface Described {
  id: string;
  displayName?: unknown;
  description?: unknown;
}

function staleIds(resources: readonly Described[], before: Date): string[] {
  return resources
    .filter(({ displayName, description }) => {
      const started = typeof displayName === 'string' ? scratchStartOf(displayName) : undefined;
      return description === DELETED_AT_END && started !== undefined && started < before;
    })
    .map(({ id }) => id);
}

/**
 * Deletes the scratch resources of runs that started before `before` and were to be deleted at their end,
 * conversations before the configurations they use. What it deleted, and what it could not.
 */
export async function deleteStaleScratch(client: Twilio, before: Date): Promise<{ deleted: Kept; problems: string[] }> {
  const [configurations, stores, conversationConfigurations] = await Promise.all([
    listConfigurations(client).then((rows) => rows.map((row) => ({ ...row, id: String(row.id) }))),
    listMemoryStores(client),
    listConversationConfigurations(client),
  ]);
  const stale = new Scratch();
  for (const id of staleIds(configurations, before)) stale.add('intelligenceConfigurations', id);
  for (const id of staleIds(stores, before)) stale.add('memoryStores', id);
  const staleConversationConfigurations = staleIds(conversationConfigurations, before);
  for (const id of staleConversationConfigurations) stale.add('conversationConfigurations', id);
  if (staleConversationConfigurations.length) {
    const inThem = new Set(staleConversationConfigurations);
    for (const conversation of await client.conversations.v2.conversations.list({ pageSize: 1000 })) {
      if (conversation.id && inThem.has(conversation.configurationId ?? '')) stale.add('conversations', conversation.id);
    }
  }
  const deleted = stale.kept();
  return { deleted, problems: await stale.removeAll(client) };
}
