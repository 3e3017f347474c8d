// Voice v2 Transcription Configurations: create, fetch, update (full replacement), delete — by ID or unique name.
// No list operation: Voice v2 has none. Errors answer in Twilio's v2 body ({code, message, more_info, status}).
import { conflict } from '../errors.js';
import type { RequestContext, Route } from '../router.js';
import {
  allowOnly,
  fieldPath,
  optionalObject,
  optionalString,
  requireObject,
  requiredArray,
  requiredString,
  type JsonObject,
} from '../v3/body.js';
import { conversationCollections } from '../conversations/records.js';
import { invalidField, notFound } from '../v3/errors.js';
import { ID_PREFIX, newId } from '../v3/ids.js';
import {
  PARTICIPANT_ROLES,
  isoNow,
  transcriptionConfigurationsIn,
  type ParticipantDefault,
  type TranscriptionConfigurationRecord,
  type TranscriptionSettings,
} from './records.js';

const BASE = '/v2/Configurations/Transcription';

/** Engines and their speech models, as the spec lists them ('twilio_managed' takes none). */
const SPEECH_MODELS: Record<string, readonly string[]> = {
  google: ['chirp_2'],
  deepgram: ['nova-3', 'nova-2'],
  twilio_managed: [],
};

const LANGUAGES = [
  'en-US',
  'en-GB',
  'en-AU',
  'de-DE',
  'fr-FR',
  'it-IT',
  'es-MX',
  'es-ES',
  'es-US',
  'pt-BR',
  'pt-PT',
  'nl-NL',
  'no-NO',
  'pl-PL',
  'sv-SE',
  'da-DK',
];

/** Unique names share the path with IDs, so a name may not look like one. */
const ID_LIKE = `${ID_PREFIX.transcriptionConfiguration}_`;

export const transcriptionConfigurationRoutes: Route[] = [
  { method: 'POST', pattern: BASE, handler: create },
  { method: 'GET', pattern: `${BASE}/{IdOrUniqueName}`, handler: (context) => ({ status: 200, body: find(context) }) },
  { method: 'PUT', pattern: `${BASE}/{IdOrUniqueName}`, handler: update },
  { method: 'DELETE', pattern: `${BASE}/{IdOrUniqueName}`, handler: remove },
];

function create(context: RequestContext) {
  const request = readRequest(context, undefined);
  const now = isoNow();
  const record = transcriptionConfigurationsIn(context.store).insert({
    sid: newId('transcriptionConfiguration'),
    account_sid: context.accountSid,
    ...request,
    date_created: now,
    date_updated: now,
  });
  return { status: 201, body: render(record) };
}

function update(context: RequestContext) {
  const current = find(context);
  const request = readRequest(context, current.id);
  const record = transcriptionConfigurationsIn(context.store).replace({
    sid: current.id,
    account_sid: current.account_sid,
    ...request,
    date_created: current.date_created,
    date_updated: isoNow(),
  });
  return { status: 200, body: render(record) };
}

function remove(context: RequestContext) {
  transcriptionConfigurationsIn(context.store).delete(find(context).id);
  return { status: 204 };
}

/** The configuration the path names by ID or unique name, as shown. */
function find(context: RequestContext): ReturnType<typeof render> {
  const ref = context.params.IdOrUniqueName ?? '';
  const record = findConfiguration(context, ref);
  if (!record) throw notFound('Transcription Configuration', ref);
  return render(record);
}

export function findConfiguration(context: Pick<RequestContext, 'store'>, ref: string): TranscriptionConfigurationRecord | undefined {
  const configurations = transcriptionConfigurationsIn(context.store);
  return configurations.get(ref) ?? configurations.index('unique_name', (value) => value.unique_name ?? undefined).lookup(ref)[0]?.value;
}

function render(record: TranscriptionConfigurationRecord) {
  const { sid, ...rest } = record;
  return { id: sid, ...rest };
}

type ConfigurationRequest = Pick<TranscriptionConfigurationRecord, 'unique_name' | 'description' | 'configuration'>;

/** The request body checked against the spec's rules; `selfId` is the configuration being replaced. */
function readRequest(context: RequestContext, selfId: string | undefined): ConfigurationRequest {
  const body = requireObject(context.body, '');
  allowOnly(body, '', ['unique_name', 'description', 'configuration']);
  const uniqueName = nullableString(body, 'unique_name', '');
  if (uniqueName !== null) {
    if (uniqueName.startsWith(ID_LIKE)) throw invalidField('unique_name', `may not start with ${ID_LIKE}`);
    const holder = findConfiguration(context, uniqueName);
    if (holder && holder.sid !== selfId) throw conflict(20409, `A Transcription Configuration named '${uniqueName}' already exists`);
  }
  const configuration = optionalObject(body, 'configuration', '');
  if (!configuration) throw invalidField('configuration', 'is required');
  return {
    unique_name: uniqueName,
    description: nullableString(body, 'description', ''),
    configuration: readSettings(context, configuration),
  };
}

function readSettings(context: RequestContext, settings: JsonObject): TranscriptionSettings {
  const path = 'configuration';
  allowOnly(settings, path, [
    'configurationType',
    'transcriptionEngine',
    'speechModel',
    'language',
    'transcriptionStatusCallback',
    'conversationConfigurationId',
    'participantDefaults',
  ]);
  requiredString(settings, 'configurationType', path, { oneOf: ['Transcription'] });
  const engine = requiredString(settings, 'transcriptionEngine', path, { oneOf: Object.keys(SPEECH_MODELS) });
  const models = SPEECH_MODELS[engine] ?? [];
  const speechModel = nullableString(settings, 'speechModel', path);
  if (speechModel !== null && !models.includes(speechModel)) {
    const allowed = models.length ? `one of ${models.join(', ')}` : 'not given';
    throw invalidField(fieldPath(path, 'speechModel'), `'${speechModel}' is not a ${engine} model: it must be ${allowed}`);
  }
  const language = requiredString(settings, 'language', path);
  if (!(LANGUAGES.includes(language) || (language === 'multi' && engine === 'deepgram'))) {
    throw invalidField(fieldPath(path, 'language'), `'${language}' is not supported ('multi' needs the deepgram engine)`);
  }
  const callback = readCallback(settings);
  const conversationConfigurationId = nullableString(settings, 'conversationConfigurationId', path);
  if (conversationConfigurationId !== null && !conversationCollections(context.store).configurations.get(conversationConfigurationId)) {
    throw invalidField(
      fieldPath(path, 'conversationConfigurationId'),
      `conversation configuration ${conversationConfigurationId} does not exist`,
    );
  }
  if (conversationConfigurationId === null && !callback?.url) {
    throw invalidField(path, 'give conversationConfigurationId or transcriptionStatusCallback.url (or both)');
  }
  return {
    configurationType: 'Transcription',
    transcriptionEngine: engine,
    ...(speechModel === null ? {} : { speechModel }),
    language,
    ...(callback ? { transcriptionStatusCallback: callback } : {}),
    conversationConfigurationId,
    participantDefaults: readParticipantDefaults(settings, path),
  };
}

function readCallback(settings: JsonObject): TranscriptionSettings['transcriptionStatusCallback'] {
  const path = 'configuration.transcriptionStatusCallback';
  const callback = optionalObject(settings, 'transcriptionStatusCallback', 'configuration');
  if (!callback) return undefined;
  allowOnly(callback, path, ['url', 'method']);
  const url = nullableString(callback, 'url', path);
  if (url !== null && !/^https?:\/\//.test(url)) throw invalidField(fieldPath(path, 'url'), 'expected an http(s) URL');
  nullableString(callback, 'method', path, ['POST']);
  return { url, method: 'POST' };
}

/** Exactly two: audio channels 1 and 2, each once. */
function readParticipantDefaults(settings: JsonObject, parent: string): ParticipantDefault[] {
  const path = fieldPath(parent, 'participantDefaults');
  const list = requiredArray(settings, 'participantDefaults', parent);
  if (list.length !== 2) throw invalidField(path, `must map exactly 2 participants (audio channels 1 and 2), not ${list.length}`);
  const defaults = list.map((raw, index) => {
    const where = fieldPath(path, index);
    const entry = requireObject(raw, where);
    allowOnly(entry, where, ['audioChannelIndex', 'type']);
    const channel = entry.audioChannelIndex;
    if (channel !== 1 && channel !== 2) throw invalidField(fieldPath(where, 'audioChannelIndex'), 'expected 1 or 2');
    const type = requiredString(entry, 'type', where, { oneOf: PARTICIPANT_ROLES });
    return { audioChannelIndex: channel, type: PARTICIPANT_ROLES.find((role) => role === type) ?? 'CUSTOMER' };
  });
  if (defaults[0]?.audioChannelIndex === defaults[1]?.audioChannelIndex) {
    throw invalidField(path, 'must map audio channels 1 and 2, each once');
  }
  return defaults;
}

/** A string or null (both mean the same for an optional field of this API); returned as null when absent. */
function nullableString(object: JsonObject, name: string, path: string, oneOf?: readonly string[]): string | null {
  if (object[name] === null) return null;
  return optionalString(object, name, path, oneOf ? { oneOf } : {}) ?? null;
}
