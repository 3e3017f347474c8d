// What the account has now, read through the same library the services and operators commands use.
import type { Twilio } from 'twilio';
import { listConversationConfigurations, type ConversationConfiguration } from '../conversations-v2.js';
import { listMemoryStores, type MemoryStore } from '../memory.js';
import { attachedOperatorSids, listOperators } from '../operators.js';
import { toPlain } from '../output/format.js';
import type { Row } from '../output/types.js';
import { listServices } from '../services.js';
import { listConfigurations, type Configuration } from '../v3/configurations.js';
import { listOperators as listV3Operators } from '../v3/operators.js';

export interface CurrentState {
  services: Row[];
  /** Every operator the account can attach: pre-built and custom. */
  catalogue: Row[];
  /** SIDs of the custom (account-owned) operators in the catalogue. */
  customSids: Set<string>;
  /** Attached operator SIDs by service SID, in attach order. */
  attachments: Map<string, string[]>;
  /** The v3 side, read only when the file has a `v3:` section (or for an export of everything). */
  v3?: CurrentV3;
}

export interface CurrentV3 {
  /** Every v3 operator: Twilio's and the account's own (author SELF). */
  operators: Row[];
  configurations: Configuration[];
  /** Read only when the file lists conversation configurations (or for an export of everything). */
  conversations?: CurrentConversations;
}

export interface CurrentConversations {
  configurations: ConversationConfiguration[];
  /** Every memory store: for the ones a file names, and the store a new configuration reuses. */
  memoryStores: MemoryStore[];
}

async function collect(rows: AsyncIterable<Row>): Promise<Row[]> {
  const all: Row[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function fetchConversations(client: Twilio): Promise<CurrentConversations> {
  const [configurations, memoryStores] = await Promise.all([listConversationConfigurations(client), listMemoryStores(client)]);
  return { configurations, memoryStores };
}

async function fetchV3(client: Twilio, withConversations: boolean): Promise<CurrentV3> {
  const [operators, configurations, conversations] = await Promise.all([
    listV3Operators(client),
    listConfigurations(client),
    withConversations ? fetchConversations(client) : undefined,
  ]);
  return {
    operators,
    configurations: configurations.map((row) => toPlain<Configuration>(row)),
    ...(conversations ? { conversations } : {}),
  };
}

/** `v3` reads the v3 side; `conversations` its conversation configurations and memory stores as well. */
export async function fetchCurrentState(client: Twilio, options: { v3?: boolean; conversations?: boolean } = {}): Promise<CurrentState> {
  const [services, catalogue, custom, v3] = await Promise.all([
    collect(listServices(client)),
    collect(listOperators(client)),
    collect(listOperators(client, { source: 'custom' })),
    options.v3 ? fetchV3(client, Boolean(options.conversations)) : undefined,
  ]);
  const attachments = new Map<string, string[]>();
  for (const service of services) attachments.set(service.sid as string, await attachedOperatorSids(client, service.sid as string));
  return {
    services,
    catalogue,
    customSids: new Set(custom.map((operator) => operator.sid as string)),
    attachments,
    ...(v3 ? { v3 } : {}),
  };
}
