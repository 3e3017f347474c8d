import { badRequest, conflict, notFound } from '../errors.js';
import { paginate } from '../paging.js';
import { optionalBoolean, optionalString, requiredString, type ParamMap } from '../params.js';
import type { RequestContext, Route } from '../router.js';
import { isSid, newSid } from '../sid.js';
import { SERVICES, servicesIn, WEBHOOK_HTTP_METHODS, type ServiceRecord, type WebhookHttpMethod } from '../services/record.js';
import { assertIfMatch, isoNow } from '../versioning.js';

const SERVICE_SID_PREFIX = 'GA';
const UNIQUE_NAME_TAKEN = 90101; // Twilio's "Unique Name Already Exists" for Intelligence Services
const FRIENDLY_NAME_MAX = 64;

export const serviceRoutes: Route[] = [
  { method: 'POST', pattern: '/v2/Services', handler: createService },
  { method: 'GET', pattern: '/v2/Services', handler: listServices },
  { method: 'GET', pattern: '/v2/Services/{Sid}', handler: fetchService },
  { method: 'POST', pattern: '/v2/Services/{Sid}', handler: updateService },
  { method: 'DELETE', pattern: '/v2/Services/{Sid}', handler: deleteService },
];

/** The service named by the path's {Sid}, or 404 (also for malformed SIDs, as Twilio does). */
export function serviceFromPath(context: RequestContext, param = 'Sid'): ServiceRecord {
  const sid = context.params[param] ?? '';
  const service = isSid(sid, SERVICE_SID_PREFIX) ? servicesIn(context.store).get(sid) : undefined;
  if (!service) throw notFound(`/v2/Services/${sid}`);
  return service;
}

/**
 * The wire form. Field by field rather than `{ ...service, url }`: on V8 (Node 20) a spread followed
 * by a new key is ~50× slower than a literal, and lists render thousands of these.
 */
export function renderService(service: ServiceRecord, origin: string): ServiceRecord & { url: string } {
  return {
    sid: service.sid,
    account_sid: service.account_sid,
    unique_name: service.unique_name,
    friendly_name: service.friendly_name,
    language_code: service.language_code,
    auto_transcribe: service.auto_transcribe,
    data_logging: service.data_logging,
    auto_redaction: service.auto_redaction,
    media_redaction: service.media_redaction,
    webhook_url: service.webhook_url,
    webhook_http_method: service.webhook_http_method,
    encryption_credential_sid: service.encryption_credential_sid,
    read_only_attached_operator_sids: service.read_only_attached_operator_sids,
    version: service.version,
    date_created: service.date_created,
    date_updated: service.date_updated,
    url: `${origin}/v2/Services/${service.sid}`,
  };
}

function createService(context: RequestContext) {
  const { form } = context;
  const uniqueName = requiredString(form, 'UniqueName');
  assertUniqueNameFree(context, uniqueName);
  const now = isoNow();
  const service: ServiceRecord = {
    sid: newSid(SERVICE_SID_PREFIX),
    account_sid: context.accountSid,
    unique_name: uniqueName,
    friendly_name: friendlyName(form) ?? null,
    language_code: optionalString(form, 'LanguageCode') || 'en-US',
    auto_transcribe: optionalBoolean(form, 'AutoTranscribe') ?? false,
    data_logging: optionalBoolean(form, 'DataLogging') ?? false,
    auto_redaction: optionalBoolean(form, 'AutoRedaction') ?? false,
    media_redaction: optionalBoolean(form, 'MediaRedaction') ?? false,
    webhook_url: optionalString(form, 'WebhookUrl') ?? null,
    webhook_http_method: webhookHttpMethod(form) ?? 'POST',
    encryption_credential_sid: encryptionCredentialSid(form) ?? null,
    read_only_attached_operator_sids: [],
    version: 1,
    date_created: now,
    date_updated: now,
  };
  assertRedactionConsistent(service);
  servicesIn(context.store).insert(service);
  return withETag(201, service, context.origin);
}

function listServices(context: RequestContext) {
  const body = paginate(
    servicesIn(context.store).entries(),
    { listUrl: `${context.origin}/v2/Services`, query: context.query, key: SERVICES },
    (service) => renderService(service, context.origin),
  );
  return { status: 200, body };
}

function fetchService(context: RequestContext) {
  return withETag(200, serviceFromPath(context), context.origin);
}

function updateService(context: RequestContext) {
  const current = serviceFromPath(context);
  assertIfMatch(context.headers, current.version, `Service ${current.sid}`);
  const { form } = context;

  const languageCode = optionalString(form, 'LanguageCode');
  if (languageCode !== undefined && languageCode !== current.language_code) {
    throw badRequest(`LanguageCode cannot be updated: it is fixed when the Service is created`);
  }
  const uniqueName = optionalString(form, 'UniqueName');
  if (uniqueName === '') throw badRequest('UniqueName cannot be empty');
  if (uniqueName !== undefined && uniqueName !== current.unique_name) assertUniqueNameFree(context, uniqueName);

  const updated: ServiceRecord = {
    ...current,
    unique_name: uniqueName ?? current.unique_name,
    friendly_name: friendlyName(form) ?? current.friendly_name,
    auto_transcribe: optionalBoolean(form, 'AutoTranscribe') ?? current.auto_transcribe,
    data_logging: optionalBoolean(form, 'DataLogging') ?? current.data_logging,
    auto_redaction: optionalBoolean(form, 'AutoRedaction') ?? current.auto_redaction,
    media_redaction: optionalBoolean(form, 'MediaRedaction') ?? current.media_redaction,
    webhook_url: optionalString(form, 'WebhookUrl') ?? current.webhook_url,
    webhook_http_method: webhookHttpMethod(form) ?? current.webhook_http_method,
    encryption_credential_sid: encryptionCredentialSid(form) ?? current.encryption_credential_sid,
    version: current.version + 1,
    date_updated: isoNow(),
  };
  assertRedactionConsistent(updated);
  servicesIn(context.store).replace(updated);
  return withETag(200, updated, context.origin);
}

function deleteService(context: RequestContext) {
  servicesIn(context.store).delete(serviceFromPath(context).sid);
  return { status: 204 };
}

function withETag(status: number, service: ServiceRecord, origin: string) {
  return { status, body: renderService(service, origin), headers: { ETag: String(service.version) } };
}

function assertUniqueNameFree(context: RequestContext, uniqueName: string): void {
  if (servicesIn(context.store).find((service) => service.unique_name === uniqueName)) {
    throw conflict(UNIQUE_NAME_TAKEN, `Service with UniqueName '${uniqueName}' already exists`);
  }
}

function assertRedactionConsistent(service: ServiceRecord): void {
  if (service.media_redaction && !service.auto_redaction) {
    throw badRequest('MediaRedaction requires AutoRedaction to be true');
  }
}

function friendlyName(form: ParamMap): string | undefined {
  const value = optionalString(form, 'FriendlyName');
  if (value !== undefined && value.length > FRIENDLY_NAME_MAX) {
    throw badRequest(`FriendlyName must be at most ${FRIENDLY_NAME_MAX} characters`);
  }
  return value;
}

function webhookHttpMethod(form: ParamMap): WebhookHttpMethod | undefined {
  const value = optionalString(form, 'WebhookHttpMethod');
  if (value === undefined) return undefined;
  if (!(WEBHOOK_HTTP_METHODS as readonly string[]).includes(value)) {
    throw badRequest(`Invalid WebhookHttpMethod '${value}': expected one of ${WEBHOOK_HTTP_METHODS.join(', ')}`);
  }
  return value as WebhookHttpMethod;
}

function encryptionCredentialSid(form: ParamMap): string | undefined {
  const value = optionalString(form, 'EncryptionCredentialSid');
  if (value !== undefined && !/^CR[0-9a-fA-F]{32}$/.test(value)) {
    throw badRequest(`Invalid EncryptionCredentialSid '${value}': expected CR followed by 32 hex digits`);
  }
  return value;
}
