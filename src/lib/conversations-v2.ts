// Conversations v2 ("Conversation Orchestrator", `client.conversations.v2`): conversation configurations (which
// Intelligence Configurations run, which memory store), and conversations made from written text. No IO.
import type { Twilio } from 'twilio';
import type { ParticipantKind, WrittenConversation } from './conversation-text.js';
import { operationIdOf, waitForOperation, type WaitOptions } from './conversations-operations.js';
import { assertConversationId } from './conversations-v3.js';
import { ApiError, NotFoundError, UsageError } from './errors.js';
import { toPlain } from './output/format.js';
import type { Row } from './output/types.js';

export const GROUPING_TYPES = [
  'GROUP_BY_PROFILE',
  'GROUP_BY_PARTICIPANT_ADDRESSES',
  'GROUP_BY_PARTICIPANT_ADDRESSES_AND_CHANNEL_TYPE',
] as const;
export type GroupingType = (typeof GROUPING_TYPES)[number];
export const CHANNELS = ['VOICE', 'SMS', 'RCS', 'WHATSAPP', 'CHAT', 'VIDEO'] as const;
export type Channel = (typeof CHANNELS)[number];

const CONFIGURATION_ID = /^conv_configuration_[0-7][0-9a-z]{25}$/;
const DISPLAY_NAME = /^[a-zA-Z0-9-_ ]{1,32}$/;

/** How conversations on one channel time out and which addresses are captured into them. */
export interface ChannelSetting {
  statusTimeouts?: { inactive?: number; closed?: number };
  captureRules?: { from: string; to: string; metadata?: Record<string, string> }[];
}

export interface ConversationConfiguration {
  id: string;
  displayName: string;
  description: string;
  conversationGroupingType: GroupingType;
  memoryStoreId: string;
  intelligenceConfigurationIds?: string[];
  statusCallbacks?: { url: string; method?: string }[];
  channelSettings?: Record<string, ChannelSetting>;
  memoryExtractionEnabled?: boolean;
  conversationsV1Bridge?: { serviceId: string } | null;
  version?: number;
  [field: string]: unknown;
}

/** The fields `ci` sets; absent ones are left as they are on update. */
export interface ConfigurationInput {
  displayName?: string;
  description?: string;
  conversationGroupingType?: GroupingType;
  memoryStoreId?: string;
  intelligenceConfigurationIds?: string[];
  statusCallbacks?: { url: string; method: 'POST' | 'GET' }[];
  /** PATCH merges these by channel: a channel left out keeps its settings. */
  channelSettings?: Record<string, ChannelSetting>;
  memoryExtractionEnabled?: boolean;
  conversationsV1Bridge?: { serviceId: string };
}

/** A change the API accepted: its status URL, and the resource it concerns once waited for. */
export interface Accepted<T> {
  statusUrl: string;
  related: Record<string, string>;
  /** Present when `ci` waited for the operation (and the resource still exists). */
  result?: T;
}

export function assertDisplayName(name: string): void {
  if (!DISPLAY_NAME.test(name))
    throw new UsageError(`"${name}": a conversation configuration name is 1 to 32 letters, digits, spaces, - or _`);
}

export async function listConversationConfigurations(client: Twilio): Promise<ConversationConfiguration[]> {
  const all = await client.conversations.v2.configurations.list({ pageSize: 1000 });
  return all.map((item) => toPlain<ConversationConfiguration>(item));
}

/** A conversation configuration by ID (conv_configuration_…) or display name. */
export async function resolveConversationConfiguration(client: Twilio, ref: string): Promise<ConversationConfiguration> {
  if (CONFIGURATION_ID.test(ref)) return toPlain(await client.conversations.v2.configurations(ref).fetch());
  const matches = (await listConversationConfigurations(client)).filter((configuration) => configuration.displayName === ref);
  const [only, ...more] = matches;
  if (!only)
    throw new NotFoundError(`no conversation configuration named "${ref}"`, { hint: 'see `ci conversations configurations list`' });
  if (more.length) throw new UsageError(`${matches.length} conversation configurations are named "${ref}"`, { hint: 'give its ID' });
  return only;
}

/** A conversation configuration's ID from its ID or display name (an ID is taken as it is, without a fetch). */
export async function resolveConversationConfigurationId(client: Twilio, ref: string): Promise<string> {
  return CONFIGURATION_ID.test(ref) ? ref : (await resolveConversationConfiguration(client, ref)).id;
}

export async function createConversationConfiguration(
  client: Twilio,
  input: Required<Pick<ConfigurationInput, 'displayName' | 'memoryStoreId'>> & ConfigurationInput,
  wait: WaitOptions | undefined,
): Promise<Accepted<ConversationConfiguration>> {
  assertDisplayName(input.displayName);
  const accepted = await client.conversations.v2.configurations.create({
    description: '',
    conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES',
    ...input,
  });
  return settle(client, 'conversation configuration', accepted, wait);
}

/** PATCH: only the fields given change. */
export async function updateConversationConfiguration(
  client: Twilio,
  id: string,
  input: ConfigurationInput,
  wait: WaitOptions | undefined,
): Promise<Accepted<ConversationConfiguration>> {
  if (input.displayName !== undefined) assertDisplayName(input.displayName);
  if (Object.keys(input).length === 0) throw new UsageError('nothing to change: give at least one flag');
  const accepted = await client.conversations.v2.configurations(id).patch(input);
  return settle(client, 'conversation configuration', accepted, wait);
}

export async function deleteConversationConfiguration(client: Twilio, id: string, wait: WaitOptions | undefined): Promise<Accepted<never>> {
  const accepted = await client.conversations.v2.configurations(id).remove();
  return settle(client, `deleting conversation configuration ${id}`, accepted, wait, false);
}

export async function deleteConversation(client: Twilio, id: string, wait: WaitOptions | undefined): Promise<Accepted<never>> {
  assertConversationId(id);
  const accepted = await client.conversations.v2.conversations(id).remove();
  return settle(client, `deleting conversation ${id}`, accepted, wait, false);
}

export async function closeConversation(client: Twilio, id: string): Promise<Row> {
  assertConversationId(id);
  return toPlain(await client.conversations.v2.conversations(id).patch({ status: 'CLOSED' }));
}

/** A conversation's communications in the order they were added, as the API returns them. */
export async function listCommunications(client: Twilio, conversationId: string): Promise<Row[]> {
  assertConversationId(conversationId);
  const all = await client.conversations.v2.communications(conversationId).list({ pageSize: 1000 });
  return all.map((item) => toPlain<Row>(item));
}

export interface IngestOptions {
  configurationId: string;
  name?: string;
  /** The channel the participants talk on (default CHAT). */
  channel: Channel;
  /** Close the conversation at the end, so CONVERSATION_END rules fire. */
  close: boolean;
  /** Times for utterances without `at`: this, then one second apart; without it, the API's time of arrival. */
  start?: Date;
  /** Told the conversation's ID as soon as it exists, before its communications (to record it for clean-up). */
  onCreated?: (conversationId: string) => void;
}

export interface Ingested {
  conversationId: string;
  name: string | null;
  communications: number;
  status: string;
}

/** What `ci` sends for a written conversation: a participant per speaker, a communication per utterance, in order. */
export interface ConversationPlan {
  participants: { name: string; type: ParticipantKind; addresses: { channel: Channel; address: string }[] }[];
  communications: {
    author: { address: string; channel: Channel };
    recipients: { address: string; channel: Channel }[];
    content: { type: 'TEXT'; text: string };
    occurredAt?: Date;
  }[];
}

/** The plan of a written conversation on `channel`; utterances without `at` are dated from `start`, a second apart. */
export function planConversation(written: WrittenConversation, channel: Channel, start: Date | undefined): ConversationPlan {
  const addressOf = new Map(written.participants.map((participant, index) => [participant.name, addressFor(participant.name, index)]));
  const participants = written.participants.map((participant) => ({
    name: participant.name,
    type: participant.type,
    addresses: [{ channel, address: addressOf.get(participant.name) ?? participant.name }],
  }));
  const communications = written.utterances.map((utterance, index) => {
    const author = addressOf.get(utterance.participant) ?? utterance.participant;
    const recipients = [...addressOf.values()].filter((address) => address !== author);
    const occurredAt = utterance.at === undefined ? start && new Date(start.getTime() + index * 1000) : new Date(utterance.at);
    return {
      author: { address: author, channel },
      // A monologue still needs a recipient: the speaker's own address.
      recipients: (recipients.length ? recipients : [author]).map((address) => ({ address, channel })),
      content: { type: 'TEXT' as const, text: utterance.text },
      ...(occurredAt === undefined ? {} : { occurredAt }),
    };
  });
  return { participants, communications };
}

/** A conversation with a participant per speaker and a communication per utterance, in order; closed when asked. */
export async function ingestConversation(client: Twilio, written: WrittenConversation, options: IngestOptions): Promise<Ingested> {
  const plan = planConversation(written, options.channel, options.start);
  const conversation = await client.conversations.v2.conversations.create({
    configurationId: options.configurationId,
    ...(options.name === undefined ? {} : { name: options.name }),
    participants: plan.participants,
  });
  const conversationId = conversation.id;
  if (!conversationId) throw new ApiError('the API made the conversation but gave no ID');
  options.onCreated?.(conversationId);
  for (const communication of plan.communications) await client.conversations.v2.communications(conversationId).create(communication);
  const status = options.close
    ? (await client.conversations.v2.conversations(conversationId).patch({ status: 'CLOSED' })).status
    : conversation.status;
  return {
    conversationId,
    name: conversation.name ?? null,
    communications: plan.communications.length,
    status: status ?? 'ACTIVE',
  };
}

/** A speaker's address on the conversation's channel: its name in lower case with dashes, numbered when two collide. */
function addressFor(name: string, index: number): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'participant'}-${index + 1}`;
}

interface AcceptedBody {
  statusUrl?: string;
  related?: Record<string, string> | null;
}

async function settle<T>(
  client: Twilio,
  what: string,
  accepted: AcceptedBody,
  wait: WaitOptions | undefined,
  readBack = true,
): Promise<Accepted<T>> {
  const statusUrl = accepted.statusUrl;
  if (!statusUrl) throw new ApiError(`the API accepted the ${what} but gave no status URL`);
  const related = accepted.related ?? {};
  if (!wait) return { statusUrl, related };
  await waitForConversationsOperation(client, what, statusUrl, wait);
  const configurationId = related.configurationId;
  if (!readBack || configurationId === undefined) return { statusUrl, related };
  return { statusUrl, related, result: toPlain<T>(await client.conversations.v2.configurations(configurationId).fetch()) };
}

/** Polls a Conversations v2 operation (what a 202 named in its `statusUrl`) until it has completed. */
export async function waitForConversationsOperation(client: Twilio, what: string, statusUrl: string, wait: WaitOptions): Promise<void> {
  const operationId = operationIdOf(statusUrl);
  await waitForOperation(
    what,
    statusUrl,
    async () => {
      const operation = await client.conversations.v2.operations(operationId).fetch();
      return { status: operation.status, problem: operation.error?.detail ?? operation.error?.title };
    },
    wait,
  );
}
