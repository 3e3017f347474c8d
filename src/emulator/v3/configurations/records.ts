// Intelligence Configurations as stored: rules bundle operators, one trigger and up to two webhook actions.
import type { Collection, Store } from '../../store.js';
import type { JsonObject } from '../body.js';

export const TRIGGER_EVENTS = ['COMMUNICATION', 'CONVERSATION_END', 'CONVERSATION_INACTIVE'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export interface RuleOperator {
  id: string;
  /** Pinned version; absent: the latest ACTIVE version at execution time. */
  version?: number;
  parameters?: Record<string, unknown>;
}

export interface Trigger {
  on: TriggerEvent;
  parameters?: { count?: number };
}

export interface Action {
  type: 'WEBHOOK';
  method: 'POST';
  url: string;
}

export interface RuleContext {
  memory?: { enabled?: boolean };
  knowledge?: { bases: string[] };
}

export interface RuleRecord {
  id: string;
  operators: RuleOperator[];
  triggers: Trigger[];
  actions: Action[];
  context?: RuleContext;
}

/** `sid` is the store's key: here the configuration's TTID. */
export interface ConfigurationRecord {
  sid: string;
  accountSid: string;
  displayName: string;
  description?: string;
  version: number;
  rules: RuleRecord[];
  dateCreated: string;
  dateUpdated: string;
}

export function configurationCollection(store: Store): Collection<ConfigurationRecord> {
  return store.collection<ConfigurationRecord>('v3.configurations');
}

export function renderConfiguration(configuration: ConfigurationRecord): JsonObject {
  const { sid, accountSid, displayName, description, version, rules, dateCreated, dateUpdated } = configuration;
  return {
    accountId: accountSid,
    id: sid,
    displayName,
    ...(description === undefined ? {} : { description }),
    version,
    rules,
    dateCreated,
    dateUpdated,
  };
}
