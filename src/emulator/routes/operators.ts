// /v2/Operators (all), /v2/Operators/PreBuilt, /v2/Operators/Custom and /v2/OperatorTypes.
import { badRequest, notFound } from '../errors.js';
import { configurableType, customOperatorsOf, parseConfig, resultVocabulary } from '../operators/custom.js';
import { findOperator } from '../operators/lookup.js';
import { findOperatorType, OPERATOR_TYPES } from '../operators/operator-types.js';
import { findPrebuilt, PREBUILT_OPERATORS } from '../operators/prebuilt.js';
import { AVAILABILITIES, renderOperator, type Availability, type OperatorRecord } from '../operators/record.js';
import { paginate } from '../paging.js';
import { optionalString, requiredString, type ParamMap } from '../params.js';
import type { RequestContext, Route } from '../router.js';
import { isSid, newSid } from '../sid.js';
import type { Entry } from '../store.js';
import { assertIfMatch, isoNow } from '../versioning.js';
import { attachmentRoutes, detachEverywhere } from './operator-attachments.js';

const OPERATOR_SID_PREFIX = 'LY';
const FRIENDLY_NAME_MAX = 64;

export const operatorRoutes: Route[] = [
  { method: 'GET', pattern: '/v2/Operators', handler: listAllOperators },
  { method: 'GET', pattern: '/v2/Operators/{Sid}', handler: fetchAnyOperator },
  { method: 'GET', pattern: '/v2/Operators/PreBuilt', handler: listPrebuiltOperators },
  { method: 'GET', pattern: '/v2/Operators/PreBuilt/{Sid}', handler: fetchPrebuiltOperator },
  { method: 'GET', pattern: '/v2/Operators/Custom', handler: listCustomOperators },
  { method: 'POST', pattern: '/v2/Operators/Custom', handler: createCustomOperator },
  { method: 'GET', pattern: '/v2/Operators/Custom/{Sid}', handler: fetchCustomOperator },
  { method: 'POST', pattern: '/v2/Operators/Custom/{Sid}', handler: updateCustomOperator },
  { method: 'DELETE', pattern: '/v2/Operators/Custom/{Sid}', handler: deleteCustomOperator },
  { method: 'GET', pattern: '/v2/OperatorTypes', handler: listOperatorTypes },
  { method: 'GET', pattern: '/v2/OperatorTypes/{Sid}', handler: fetchOperatorType },
  ...attachmentRoutes,
];

// Lists: pre-built operators take seq 1..n (catalogue order); custom ones follow, offset by n, so
// the combined list has one stable order for page tokens.
const prebuiltEntries: Entry<OperatorRecord>[] = PREBUILT_OPERATORS.map((value, index) => ({ seq: index + 1, value }));

function customEntries(context: RequestContext): Entry<OperatorRecord>[] {
  return customOperatorsOf(context.store)
    .entries()
    .map((entry) => ({ seq: prebuiltEntries.length + entry.seq, value: entry.value }));
}

function listOperators(context: RequestContext, entries: Entry<OperatorRecord>[], path: string) {
  const matches = filterFor(context.query);
  const body = paginate(
    entries.filter((entry) => matches(entry.value)),
    { listUrl: `${context.origin}${path}`, query: context.query, key: 'operators' },
    (operator) => renderOperator(operator, `${context.origin}${path}/${operator.sid}`),
  );
  return { status: 200, body };
}

function listAllOperators(context: RequestContext) {
  return listOperators(context, [...prebuiltEntries, ...customEntries(context)], '/v2/Operators');
}

function listPrebuiltOperators(context: RequestContext) {
  return listOperators(context, prebuiltEntries, '/v2/Operators/PreBuilt');
}

function listCustomOperators(context: RequestContext) {
  return listOperators(context, customEntries(context), '/v2/Operators/Custom');
}

/** The Availability and LanguageCode filters of the operator lists. */
function filterFor(query: ParamMap): (operator: OperatorRecord) => boolean {
  const availability = optionalString(query, 'Availability');
  if (availability !== undefined && !(AVAILABILITIES as readonly string[]).includes(availability)) {
    throw badRequest(`Invalid Availability '${availability}': expected one of ${AVAILABILITIES.join(', ')}`);
  }
  const languageCode = optionalString(query, 'LanguageCode');
  return (operator) =>
    (availability === undefined || operator.availability === (availability as Availability)) &&
    (languageCode === undefined || supportsLanguage(operator.language_codes, languageCode));
}

/** 'en-US' matches en-US only; a bare 'en' matches every English variant. */
function supportsLanguage(codes: string[], wanted: string): boolean {
  const lower = wanted.toLowerCase();
  return codes.some((code) => code.toLowerCase() === lower || (!lower.includes('-') && code.toLowerCase().startsWith(`${lower}-`)));
}

function operatorFromPath(context: RequestContext, find: (sid: string) => OperatorRecord | undefined, path: string): OperatorRecord {
  const sid = context.params.Sid ?? '';
  const operator = isSid(sid, OPERATOR_SID_PREFIX) ? find(sid) : undefined;
  if (!operator) throw notFound(`${path}/${sid}`);
  return operator;
}

function fetchAnyOperator(context: RequestContext) {
  const operator = operatorFromPath(context, (sid) => findOperator(context.store, sid), '/v2/Operators');
  return { status: 200, body: renderOperator(operator, `${context.origin}/v2/Operators/${operator.sid}`) };
}

function fetchPrebuiltOperator(context: RequestContext) {
  const operator = operatorFromPath(context, findPrebuilt, '/v2/Operators/PreBuilt');
  return { status: 200, body: renderOperator(operator, `${context.origin}/v2/Operators/PreBuilt/${operator.sid}`) };
}

function customFromPath(context: RequestContext): OperatorRecord {
  return operatorFromPath(context, (sid) => customOperatorsOf(context.store).get(sid), '/v2/Operators/Custom');
}

function customReply(status: number, operator: OperatorRecord, origin: string) {
  return {
    status,
    body: renderOperator(operator, `${origin}/v2/Operators/Custom/${operator.sid}`),
    headers: { ETag: String(operator.version) },
  };
}

function friendlyName(form: ParamMap): string {
  const value = requiredString(form, 'FriendlyName');
  if (value.length > FRIENDLY_NAME_MAX) throw badRequest(`FriendlyName must be at most ${FRIENDLY_NAME_MAX} characters`);
  return value;
}

function createCustomOperator(context: RequestContext) {
  const { form } = context;
  const name = friendlyName(form);
  const type = configurableType(requiredString(form, 'OperatorType'));
  const config = parseConfig(requiredString(form, 'Config'), type);
  const now = isoNow();
  const operator: OperatorRecord = {
    sid: newSid(OPERATOR_SID_PREFIX),
    account_sid: context.accountSid,
    friendly_name: name,
    description: null,
    author: context.accountSid,
    operator_type: type.record.name,
    version: 1,
    availability: 'general-availability',
    config,
    date_created: now,
    date_updated: now,
    prebuilt: false,
    result_type: type.resultType,
    ...resultVocabulary(config),
    language_codes: type.record.supported_languages,
  };
  customOperatorsOf(context.store).insert(operator);
  return customReply(202, operator, context.origin);
}

function fetchCustomOperator(context: RequestContext) {
  return customReply(200, customFromPath(context), context.origin);
}

function updateCustomOperator(context: RequestContext) {
  const current = customFromPath(context);
  assertIfMatch(context.headers, current.version, `Operator ${current.sid}`);
  const name = friendlyName(context.form);
  const type = configurableType(current.operator_type);
  const config = parseConfig(requiredString(context.form, 'Config'), type);
  const updated: OperatorRecord = {
    ...current,
    friendly_name: name,
    config,
    ...resultVocabulary(config),
    version: current.version + 1,
    date_updated: isoNow(),
  };
  customOperatorsOf(context.store).replace(updated);
  return customReply(202, updated, context.origin);
}

function deleteCustomOperator(context: RequestContext) {
  const operator = customFromPath(context);
  // A deleted operator no longer runs anywhere: services forget it rather than keep a dangling SID.
  detachEverywhere(context.store, operator.sid);
  customOperatorsOf(context.store).delete(operator.sid);
  return { status: 204 };
}

function listOperatorTypes(context: RequestContext) {
  const languageCode = optionalString(context.query, 'LanguageCode');
  const entries = OPERATOR_TYPES.map((type, index) => ({ seq: index + 1, value: type.record })).filter(
    (entry) => languageCode === undefined || supportsLanguage(entry.value.supported_languages, languageCode),
  );
  const body = paginate(
    entries,
    { listUrl: `${context.origin}/v2/OperatorTypes`, query: context.query, key: 'operator_types' },
    (type) => ({ ...type, url: `${context.origin}/v2/OperatorTypes/${type.sid}` }),
  );
  return { status: 200, body };
}

function fetchOperatorType(context: RequestContext) {
  const sid = context.params.Sid ?? '';
  const type = findOperatorType(sid);
  if (!type) throw notFound(`/v2/OperatorTypes/${sid}`);
  return { status: 200, body: { ...type.record, url: `${context.origin}/v2/OperatorTypes/${type.record.sid}` } };
}
