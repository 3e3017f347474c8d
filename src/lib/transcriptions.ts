// Voice v3 transcriptions into Conversations v2 conversations, and the Voice v2 Transcription Configurations they
// name (engine, language, the two audio channels' roles, the conversation configuration). Plain functions, no IO.
import type { Twilio } from 'twilio';
import { ApiError, NotFoundError, UsageError, WaitError, httpStatusOf } from './errors.js';
import { toPlain } from './output/format.js';
import type { Row } from './output/types.js';
import type { TranscriptSource } from './transcripts.js';
import { listOperatorResults, type OperatorResult } from './results-v3.js';
import { pollUntilDone, type Poll, type SignalledWait as WaitOptions } from './polling.js';

export const PARTICIPANT_ROLES = ['HUMAN_AGENT', 'CUSTOMER', 'AI_AGENT'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const ENGINES = ['deepgram', 'google', 'twilio_managed'] as const;

const CONFIGURATION_ID = /^voice_transcriptionconfiguration_[0-9a-z]{26}$/;
export const TRANSCRIPTION_ID = /^voice_transcription_[0-9a-zA-Z]{26}$/;

/** What a transcription configuration says; `roles` are audio channels 1 and 2. */
export interface TranscriptionSettings {
  conversationConfigurationId: string;
  engine: string;
  speechModel?: string;
  language: string;
  roles: readonly [ParticipantRole, ParticipantRole];
  statusCallbackUrl?: string;
}

export interface TranscriptionConfigurationInput {
  uniqueName?: string;
  description?: string;
  settings: TranscriptionSettings;
}

/** `ci transcribe`'s defaults: a two-channel support call, agent on 1 and customer on 2 (as Twilio records a dialled call). */
export const DEFAULT_SETTINGS: Omit<TranscriptionSettings, 'conversationConfigurationId'> = {
  engine: 'deepgram',
  speechModel: 'nova-3',
  language: 'en-US',
  roles: ['HUMAN_AGENT', 'CUSTOMER'],
};

type ConfigurationBody = Parameters<Twilio['voice']['v2']['transcription']['create']>[0];

/**
 * Voice v2 takes `unique_name` (snake_case) at the top of the body, but twilio-node types the request as
 * `uniqueName` and sends the object as given: built here as the API reads it, cast once to the SDK's type.
 */
function configurationBody({ uniqueName, description, settings }: TranscriptionConfigurationInput): ConfigurationBody {
  const body = {
    ...(uniqueName === undefined ? {} : { unique_name: uniqueName }),
    ...(description === undefined ? {} : { description }),
    configuration: {
      configurationType: 'Transcription',
      transcriptionEngine: settings.engine,
      ...(settings.speechModel === undefined ? {} : { speechModel: settings.speechModel }),
      language: settings.language,
      conversationConfigurationId: settings.conversationConfigurationId,
      ...(settings.statusCallbackUrl === undefined
        ? {}
        : { transcriptionStatusCallback: { url: settings.statusCallbackUrl, method: 'POST' } }),
      participantDefaults: settings.roles.map((type, index) => ({ audioChannelIndex: index + 1, type })),
    },
  };
  return body;
}

/** The settings of a configuration as the API returned it (toPlain'd), for an update that changes some of them. */
function settingsOf(configuration: Row): TranscriptionSettings {
  const settings = (configuration.configuration ?? {}) as {
    transcriptionEngine?: string;
    speechModel?: string | null;
    language?: string;
    conversationConfigurationId?: string | null;
    transcriptionStatusCallback?: { url?: string | null };
    participantDefaults?: { audioChannelIndex: number; type: ParticipantRole }[];
  };
  const role = (channel: number): ParticipantRole =>
    settings.participantDefaults?.find((entry) => entry.audioChannelIndex === channel)?.type ??
    (channel === 1 ? 'HUMAN_AGENT' : 'CUSTOMER');
  return {
    conversationConfigurationId: settings.conversationConfigurationId ?? '',
    engine: settings.transcriptionEngine ?? DEFAULT_SETTINGS.engine,
    ...(settings.speechModel ? { speechModel: settings.speechModel } : {}),
    language: settings.language ?? DEFAULT_SETTINGS.language,
    roles: [role(1), role(2)],
    ...(settings.transcriptionStatusCallback?.url ? { statusCallbackUrl: settings.transcriptionStatusCallback.url } : {}),
  };
}

export function checkRoles(roles: readonly string[]): readonly [ParticipantRole, ParticipantRole] {
  const known = roles.map((role) => PARTICIPANT_ROLES.find((candidate) => candidate === role.toUpperCase()));
  const [first, second] = known;
  if (known.length !== 2 || !first || !second) {
    throw new UsageError(
      `give the roles of audio channels 1 and 2, each one of ${PARTICIPANT_ROLES.join(', ')} (got "${roles.join(',')}")`,
      {
        hint: 'e.g. --roles HUMAN_AGENT,CUSTOMER',
      },
    );
  }
  return [first, second];
}

export async function createTranscriptionConfiguration(client: Twilio, input: TranscriptionConfigurationInput): Promise<Row> {
  try {
    return toPlain(await client.voice.v2.transcription.create(configurationBody(input)));
  } catch (error) {
    if (httpStatusOf(error) !== 409) throw error;
    throw new ApiError(`a transcription configuration named "${input.uniqueName}" already exists`, { status: 409, cause: error });
  }
}

/** By ID or unique name. */
export async function fetchTranscriptionConfiguration(client: Twilio, ref: string): Promise<Row> {
  try {
    return toPlain(await client.voice.v2.transcription(ref).fetch());
  } catch (error) {
    if (httpStatusOf(error) !== 404) throw error;
    throw new NotFoundError(`no transcription configuration ${CONFIGURATION_ID.test(ref) ? ref : `named "${ref}"`}`, {
      hint: 'Voice v2 cannot list them: give the ID or unique name it was created with',
    });
  }
}

/** A full replacement (the API's PUT) of the current configuration with `changes` applied. */
export async function updateTranscriptionConfiguration(
  client: Twilio,
  ref: string,
  changes: { uniqueName?: string; description?: string; settings: Partial<TranscriptionSettings> },
): Promise<Row> {
  const current = await fetchTranscriptionConfiguration(client, ref);
  const input: TranscriptionConfigurationInput = {
    uniqueName: changes.uniqueName ?? (typeof current.uniqueName === 'string' ? current.uniqueName : undefined),
    description: changes.description ?? (typeof current.description === 'string' ? current.description : undefined),
    settings: { ...settingsOf(current), ...changes.settings },
  };
  return toPlain(await client.voice.v2.transcription(String(current.id)).update(configurationBody(input)));
}

export async function deleteTranscriptionConfiguration(client: Twilio, id: string): Promise<void> {
  await client.voice.v2.transcription(id).remove();
}

/** The unique name `ci transcribe` gives the configuration it makes for a conversation configuration. */
export const managedName = (conversationConfigurationId: string): string => `ci-${conversationConfigurationId}`;

/** The configuration `ci transcribe` uses for a conversation configuration: made once with the defaults, reused by name after. */
export async function transcriptionConfigurationFor(client: Twilio, conversationConfigurationId: string): Promise<string> {
  const uniqueName = managedName(conversationConfigurationId);
  const existing = await fetchTranscriptionConfiguration(client, uniqueName).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (existing) return String(existing.id);
  const input = {
    uniqueName,
    description: 'made by ci transcribe',
    settings: { ...DEFAULT_SETTINGS, conversationConfigurationId },
  };
  try {
    return String((await createTranscriptionConfiguration(client, input)).id);
  } catch (error) {
    if (httpStatusOf(error) !== 409) throw error;
    return String((await fetchTranscriptionConfiguration(client, uniqueName)).id); // another run made it meanwhile
  }
}

export interface TranscriptionRequest {
  configurationId: string;
  source: TranscriptSource;
  /** Sent as the create's Idempotency-Key: the same key within Twilio's window answers with the same transcription. */
  idempotencyKey?: string;
}

type CreateBody = Parameters<Twilio['voice']['v3']['transcriptions']['create']>[0];

/** Starts a transcription; its transcription resource (status PENDING). */
export async function startTranscription(client: Twilio, { configurationId, source, idempotencyKey }: TranscriptionRequest): Promise<Row> {
  const body =
    'recordingSid' in source
      ? { transcriptionConfigurationId: configurationId, inputSource: 'SOURCE_ID', sourceId: source.recordingSid }
      : { transcriptionConfigurationId: configurationId, inputSource: 'MEDIA_URL', mediaUrl: source.mediaUrl };
  // The SDK types sourceId as required even for a media URL, which the spec's MEDIA_URL request does not take.
  const headers = idempotencyKey === undefined ? undefined : { 'Idempotency-Key': idempotencyKey };
  const accepted = toPlain(await client.voice.v3.transcriptions.create(body as CreateBody, headers));
  return transcriptionOf(accepted);
}

function transcriptionOf(operation: Row): Row {
  const transcription = operation.transcription;
  if (typeof transcription !== 'object' || transcription === null)
    throw new ApiError('the API answered a transcription operation without its transcription');
  return transcription as Row;
}

export async function fetchTranscription(client: Twilio, id: string): Promise<Row> {
  if (!TRANSCRIPTION_ID.test(id)) throw new UsageError(`"${id}" is not a transcription ID (voice_transcription_…)`);
  return transcriptionOf(toPlain(await client.voice.v3.transcriptions(id).fetch()));
}

export interface TranscriptionFilters {
  status?: string;
  sourceId?: string;
  createdAfter?: Date;
  createdBefore?: Date;
  languageCode?: string;
  limit?: number;
}

export async function listTranscriptions(client: Twilio, filters: TranscriptionFilters = {}): Promise<Row[]> {
  const { limit, status, ...rest } = filters;
  const options = { ...rest, pageSize: 100, ...(status ? { status: status as 'COMPLETED' } : {}), ...(limit ? { limit } : {}) };
  return (await client.voice.v3.transcriptions.list(options)).map((item) => toPlain(item));
}

/** An earlier transcription of the recording with this configuration, if there is one (the newest). */
export async function findTranscriptionOfRecording(
  client: Twilio,
  recordingSid: string,
  configurationId: string,
): Promise<Row | undefined> {
  const mine = (await listTranscriptions(client, { sourceId: recordingSid })).filter(
    (item) => item.transcriptionConfigurationId === configurationId && item.status !== 'FAILED',
  );
  return mine[mine.length - 1];
}

export type { SignalledWait as WaitOptions } from './polling.js';

/** Polls until COMPLETED; FAILED or the timeout → WaitError (exit 5). */
export async function waitForTranscription(client: Twilio, id: string, options: WaitOptions): Promise<Row> {
  const look = async (): Promise<Poll<Row>> => {
    const transcription = await fetchTranscription(client, id);
    const status = String(transcription.status);
    options.onStatus?.(status);
    if (status === 'FAILED')
      throw new WaitError(`transcription ${id} FAILED`, { hint: 'the media could not be read; check the recording or media URL' });
    return status === 'COMPLETED' ? { done: true, value: transcription } : { done: false, status };
  };
  return pollUntilDone(look, options, (status) => {
    return new WaitError(`timed out waiting for transcription ${id} (still ${status})`, {
      hint: `see it with: ci transcriptions show ${id}`,
    });
  });
}

/** Closes a conversation (Conversations v2 PATCH status CLOSED), so its CONVERSATION_END rules run. */
export async function closeConversation(client: Twilio, conversationId: string): Promise<void> {
  await client.conversations.v2.conversations(conversationId).update({ status: 'CLOSED' });
}

interface RuleShape {
  operators?: unknown[];
  triggers?: { on?: string; parameters?: { count?: number } }[];
}

/**
 * How many operator results the rules of a conversation's intelligence configurations make by now: each
 * CONVERSATION_END rule once the conversation is closed, each COMMUNICATION rule once per `count` communications.
 */
async function expectedResults(client: Twilio, conversationId: string, closed: boolean): Promise<number> {
  const conversation = toPlain<Row>(await client.intelligence.v3.conversations(conversationId).fetch());
  const communications = Array.isArray(conversation.communications) ? conversation.communications.length : 0;
  const ids = Array.isArray(conversation.intelligenceConfigurationIds) ? conversation.intelligenceConfigurationIds.map(String) : [];
  let expected = 0;
  for (const id of ids) {
    const configuration = toPlain<{ rules?: RuleShape[] }>(await client.intelligence.v3.configurations(id).fetch());
    for (const rule of configuration.rules ?? []) {
      const trigger = rule.triggers?.[0];
      const on = trigger?.on ?? 'CONVERSATION_END';
      const runs =
        on === 'CONVERSATION_END'
          ? closed
            ? 1
            : 0
          : on === 'COMMUNICATION'
            ? Math.floor(communications / (trigger?.parameters?.count ?? 1))
            : 0;
      expected += runs * (rule.operators?.length ?? 0);
    }
  }
  return expected;
}

/** Waits until the rules the conversation's triggers fired have stored their results; those results. */
export async function waitForConversationResults(
  client: Twilio,
  conversationId: string,
  closed: boolean,
  options: WaitOptions,
): Promise<OperatorResult[]> {
  const startedAt = Date.now();
  const expected = await expectedResults(client, conversationId, closed);
  const look = async (): Promise<Poll<OperatorResult[]>> => {
    const results = await listOperatorResults(client, { conversationId });
    const status = `${results.length} of ${expected}`;
    options.onStatus?.(`${results.length}/${expected} results`);
    return results.length >= expected ? { done: true, value: results } : { done: false, status };
  };
  // The time spent reading the rules counts against the timeout, as before.
  const timing = { ...options, timeoutMs: options.timeoutMs - (Date.now() - startedAt) };
  return pollUntilDone(look, timing, (status) => {
    return new WaitError(`timed out waiting for the results of conversation ${conversationId} (${status})`, {
      hint: `an operator may have failed; see them with: ci results ${conversationId}`,
    });
  });
}
