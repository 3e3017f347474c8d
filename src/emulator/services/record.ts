import type { Collection, Store } from '../store.js';

export const WEBHOOK_HTTP_METHODS = ['GET', 'POST', 'NULL'] as const;
export type WebhookHttpMethod = (typeof WEBHOOK_HTTP_METHODS)[number];

/** Stored form of an Intelligence Service: the API representation minus `url`, which depends on the origin. */
export interface ServiceRecord {
  sid: string;
  account_sid: string;
  unique_name: string;
  friendly_name: string | null;
  language_code: string;
  auto_transcribe: boolean;
  data_logging: boolean;
  auto_redaction: boolean;
  media_redaction: boolean;
  webhook_url: string | null;
  webhook_http_method: WebhookHttpMethod;
  encryption_credential_sid: string | null;
  /** Maintained by the operator-attachment routes. */
  read_only_attached_operator_sids: string[];
  version: number;
  date_created: string;
  date_updated: string;
}

export const SERVICES = 'services';

export const servicesIn = (store: Store): Collection<ServiceRecord> => store.collection<ServiceRecord>(SERVICES);
