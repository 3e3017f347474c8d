// Intelligence Services over a Twilio client: plain async functions, no IO.
import type { Twilio } from 'twilio';
import { explainConflict } from './conflict.js';
import { NotFoundError, UsageError } from './errors.js';
import { toPlain } from './output/format.js';
import type { Row } from './output/types.js';
import { pageSizeFor, streamPages } from './paging.js';
import { isSid, looksLikeSid, parseSid } from './sid.js';
import { textOf } from './rows.js';

export type WebhookMethod = 'GET' | 'POST';

export interface ServiceFields {
  uniqueName?: string;
  friendlyName?: string;
  languageCode?: string;
  autoTranscribe?: boolean;
  autoRedaction?: boolean;
  mediaRedaction?: boolean;
  dataLogging?: boolean;
  webhookUrl?: string;
  webhookHttpMethod?: WebhookMethod;
  encryptionCredentialSid?: string;
}

/** A unique name that is a service SID's shape could never be looked up by name: every command would read it as the SID. */
export function uniqueNameProblem(uniqueName: string): string | undefined {
  if (!isSid(uniqueName, 'GA')) return undefined;
  return `the unique name "${uniqueName}" looks like a service SID (GA + 32 hex digits): every command would read it as a SID, never as the name`;
}

/** Rules Twilio enforces, checked locally so the user hears them before a request. */
export function checkServiceFields(fields: ServiceFields, current?: Row): void {
  const autoRedaction = fields.autoRedaction ?? (current?.autoRedaction as boolean | undefined) ?? false;
  if (fields.mediaRedaction && !autoRedaction) {
    throw new UsageError('--media-redaction needs auto redaction on', { hint: 'add --auto-redaction' });
  }
  const nameProblem = fields.uniqueName === undefined ? undefined : uniqueNameProblem(fields.uniqueName);
  if (nameProblem) throw new UsageError(nameProblem, { hint: 'choose a name that is not a SID' });
  if (fields.encryptionCredentialSid) parseSid(fields.encryptionCredentialSid, 'CR', '--encryption-credential-sid');
}

export async function createService(client: Twilio, fields: ServiceFields & { uniqueName: string }): Promise<Row> {
  checkServiceFields(fields);
  return toPlain(await client.intelligence.v2.services.create(fields));
}

export function listServices(client: Twilio, limit?: number): AsyncGenerator<Row> {
  return streamPages(client.intelligence.v2.services.page({ pageSize: pageSizeFor(limit) }), limit);
}

/** A service by SID or unique name; names are resolved by listing, since the API takes SIDs only. */
export async function resolveServiceSid(client: Twilio, ref: string): Promise<string> {
  if (isSid(ref, 'GA')) return ref;
  if (looksLikeSid(ref, 'GA')) parseSid(ref, 'GA');
  for await (const service of listServices(client)) {
    if (service.uniqueName === ref) return textOf(service, 'sid');
  }
  throw new NotFoundError(`no service with SID or unique name "${ref}"`, { hint: 'see `ci services list`' });
}

export async function fetchService(client: Twilio, ref: string): Promise<Row> {
  const sid = await resolveServiceSid(client, ref);
  return toPlain(await client.intelligence.v2.services(sid).fetch());
}

export async function updateService(client: Twilio, ref: string, fields: ServiceFields, ifMatch?: string): Promise<Row> {
  if ('languageCode' in fields && fields.languageCode !== undefined) {
    throw new UsageError('the language code of a service cannot change after it is created', {
      hint: 'create a new service with the language you need',
    });
  }
  const current = await fetchService(client, ref);
  checkServiceFields(fields, current);
  const version = ifMatch ?? String(current.version);
  const updated = await client.intelligence.v2
    .services(textOf(current, 'sid'))
    .update({ ...fields, ifMatch: version })
    .catch((error: unknown) => {
      throw explainConflict(
        error,
        `service "${textOf(current, 'uniqueName')}" (${textOf(current, 'sid')})`,
        version,
        `see \`ci services show ${textOf(current, 'sid')}\` and run the update again`,
      );
    });
  return toPlain(updated);
}

export async function deleteService(client: Twilio, ref: string): Promise<string> {
  const sid = await resolveServiceSid(client, ref);
  await client.intelligence.v2.services(sid).remove();
  return sid;
}
