// What the account has now, read through the same library the services and operators commands use.
import type { Twilio } from 'twilio';
import { attachedOperatorSids, listOperators } from '../operators.js';
import type { Row } from '../output/types.js';
import { listServices } from '../services.js';

export interface CurrentState {
  services: Row[];
  /** Every operator the account can attach: pre-built and custom. */
  catalogue: Row[];
  /** SIDs of the custom (account-owned) operators in the catalogue. */
  customSids: Set<string>;
  /** Attached operator SIDs by service SID, in attach order. */
  attachments: Map<string, string[]>;
}

async function collect(rows: AsyncIterable<Row>): Promise<Row[]> {
  const all: Row[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

export async function fetchCurrentState(client: Twilio): Promise<CurrentState> {
  const [services, catalogue, custom] = await Promise.all([
    collect(listServices(client)),
    collect(listOperators(client)),
    collect(listOperators(client, { source: 'custom' })),
  ]);
  const attachments = new Map<string, string[]>();
  for (const service of services) attachments.set(service.sid as string, await attachedOperatorSids(client, service.sid as string));
  return { services, catalogue, customSids: new Set(custom.map((operator) => operator.sid as string)), attachments };
}
