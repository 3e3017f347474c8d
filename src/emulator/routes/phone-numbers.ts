// Twilio's IncomingPhoneNumber resource (api.v2010), reduced to what the call flow needs: the
// emulator "owns" one number, and `ci serve --phone-number` points its voice URL at the server.
import { badRequest, notFound } from '../errors.js';
import { optionalInteger, optionalString } from '../params.js';
import type { RequestContext, Route } from '../router.js';
import type { Collection } from '../store.js';

export interface PhoneNumberRecord {
  sid: string;
  account_sid: string;
  phone_number: string;
  friendly_name: string;
  /** null until a voice URL is set (the spec's nullable uri; an empty string is no URI). */
  voice_url: string | null;
  voice_method: 'GET' | 'POST';
  date_created: string;
  date_updated: string;
}

/** The number every emulator account has; `ci emulator call` calls it by default. */
const EMULATOR_PHONE_NUMBER = '+15005550001';
const EMULATOR_PHONE_NUMBER_SID = `PN${'0'.repeat(31)}1`;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

export const phoneNumberRoutes: Route[] = [
  { method: 'GET', pattern: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json', handler: listPhoneNumbers },
  { method: 'GET', pattern: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{File}', handler: fetchPhoneNumber },
  { method: 'POST', pattern: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{File}', handler: updatePhoneNumber },
];

/** Fixed dates: the account's number always existed. v2010 writes RFC 2822 dates. */
const OWNED_SINCE = 'Wed, 10 Dec 2025 10:15:44 +0000';

/** The number as first provisioned; stored only once it is changed, so reading it never writes. */
function ownedNumber(accountSid: string): PhoneNumberRecord {
  return {
    sid: EMULATOR_PHONE_NUMBER_SID,
    account_sid: accountSid,
    phone_number: EMULATOR_PHONE_NUMBER,
    friendly_name: '(500) 555-0001',
    voice_url: null,
    voice_method: 'POST',
    date_created: OWNED_SINCE,
    date_updated: OWNED_SINCE,
  };
}

function storedNumbers(context: RequestContext): Collection<PhoneNumberRecord> {
  return context.store.collection<PhoneNumberRecord>('incoming_phone_numbers');
}

function phoneNumbersOf(context: RequestContext): PhoneNumberRecord[] {
  const stored = storedNumbers(context)
    .entries()
    .map((entry) => entry.value);
  return stored.some((number) => number.sid === EMULATOR_PHONE_NUMBER_SID) ? stored : [ownedNumber(context.accountSid), ...stored];
}

function accountPath(context: RequestContext): string {
  const accountSid = context.params.AccountSid;
  if (accountSid !== context.accountSid) throw notFound(`/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`);
  return `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers`;
}

function render(number: PhoneNumberRecord, base: string) {
  return { ...number, api_version: '2010-04-01', uri: `${base}/${number.sid}.json` };
}

/** v2010 paging by page number (an account has a handful of numbers): links keep the filters, as Twilio's do. */
function listPhoneNumbers(context: RequestContext) {
  const base = accountPath(context);
  const wanted = optionalString(context.query, 'PhoneNumber');
  const pageSize = optionalInteger(context.query, 'PageSize', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const page = optionalInteger(context.query, 'Page', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const numbers = phoneNumbersOf(context).filter((number) => wanted === undefined || number.phone_number === wanted);
  const start = page * pageSize;
  const items = numbers.slice(start, start + pageSize);
  const uriOf = (pageNumber: number) => {
    const search = new URLSearchParams(wanted === undefined ? {} : { PhoneNumber: wanted });
    search.set('PageSize', String(pageSize));
    search.set('Page', String(pageNumber));
    return `${base}.json?${search.toString()}`;
  };
  return {
    status: 200,
    body: {
      incoming_phone_numbers: items.map((number) => render(number, base)),
      uri: uriOf(page),
      first_page_uri: uriOf(0),
      next_page_uri: start + pageSize < numbers.length ? uriOf(page + 1) : null,
      previous_page_uri: page > 0 ? uriOf(page - 1) : null,
      page,
      page_size: pageSize,
      start,
      end: start + Math.max(0, items.length - 1),
    },
  };
}

function numberFromPath(context: RequestContext): PhoneNumberRecord {
  const base = accountPath(context);
  const file = context.params.File ?? '';
  const sid = file.endsWith('.json') ? file.slice(0, -'.json'.length) : undefined;
  const number = phoneNumbersOf(context).find((candidate) => candidate.sid === sid);
  if (!number) throw notFound(`${base}/${file}`);
  return number;
}

function fetchPhoneNumber(context: RequestContext) {
  return { status: 200, body: render(numberFromPath(context), accountPath(context)) };
}

function updatePhoneNumber(context: RequestContext) {
  const current = numberFromPath(context);
  const method = optionalString(context.form, 'VoiceMethod')?.toUpperCase();
  if (method !== undefined && method !== 'GET' && method !== 'POST') throw badRequest(`VoiceMethod must be GET or POST, not '${method}'`);
  const updated: PhoneNumberRecord = {
    ...current,
    voice_url: voiceUrlOf(optionalString(context.form, 'VoiceUrl')) ?? current.voice_url,
    voice_method: method ?? current.voice_method,
    date_updated: rfc2822(new Date()),
  };
  const numbers = storedNumbers(context);
  if (numbers.get(updated.sid)) numbers.replace(updated);
  else numbers.insert(updated);
  return { status: 200, body: render(updated, accountPath(context)) };
}

/** v2010 writes dates as RFC 2822. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/** VoiceUrl as given; an empty one clears it. */
function voiceUrlOf(given: string | undefined): string | null | undefined {
  return given === '' ? null : given;
}
