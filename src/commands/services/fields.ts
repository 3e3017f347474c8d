import type { Column } from '../../lib/output/types.js';
import type { ServiceFields, WebhookMethod } from '../../lib/services.js';

/** The Service fields as commander names the flags: only the webhook method's flag is spelled differently. */
export type ServiceFlags = Omit<ServiceFields, 'webhookHttpMethod'> & { webhookMethod?: WebhookMethod };

/** Flags → API fields, keeping only what the user gave (so updates touch nothing else). */
export function serviceFieldsOf(flags: ServiceFlags): ServiceFields {
  const fields: ServiceFields = {
    uniqueName: flags.uniqueName,
    friendlyName: flags.friendlyName,
    languageCode: flags.languageCode,
    autoTranscribe: flags.autoTranscribe,
    autoRedaction: flags.autoRedaction,
    mediaRedaction: flags.mediaRedaction,
    dataLogging: flags.dataLogging,
    webhookUrl: flags.webhookUrl,
    webhookHttpMethod: flags.webhookMethod,
    encryptionCredentialSid: flags.encryptionCredentialSid,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** List columns in priority order (identity, state, the rest): a narrow terminal drops from the end. */
export const SERVICE_LIST_COLUMNS: Column[] = [
  { key: 'sid', header: 'SID', id: true },
  { key: 'uniqueName' },
  { key: 'friendlyName' },
  { key: 'languageCode', header: 'LANGUAGE' },
  { key: 'autoTranscribe' },
  { key: 'webhookUrl' },
  { key: 'version' },
];

export const SERVICE_DETAIL_COLUMNS: Column[] = [
  { key: 'sid', header: 'SID' },
  { key: 'uniqueName' },
  { key: 'friendlyName' },
  { key: 'languageCode' },
  { key: 'autoTranscribe' },
  { key: 'autoRedaction' },
  { key: 'mediaRedaction' },
  { key: 'dataLogging' },
  { key: 'webhookUrl' },
  { key: 'webhookHttpMethod' },
  { key: 'readOnlyAttachedOperatorSids', header: 'ATTACHED OPERATORS (READ-ONLY)' },
  { key: 'encryptionCredentialSid' },
  { key: 'version' },
  { key: 'dateCreated' },
  { key: 'dateUpdated' },
  { key: 'url', header: 'URL' },
];
