// Getting labelled conversations in through Conversations v2 (the SDK's client.conversations.v2), for an
// evaluation only: a scratch Memory store and conversation configuration naming the scratch intelligence
// configuration, then one conversation per example with a participant per speaker and a TEXT communication
// per turn. The conversations stay ACTIVE, so no trigger fires; the evaluation executes its rule by hand.
import type { Twilio } from 'twilio';
import { ApiError } from '../errors.js';
import { sleep } from '../time.js';
import type { Ingest } from './run.js';
import type { Scratch } from './scratch.js';
import type { Turn } from './conversation-text.js';

const POLL_MS = 200;
/** Long-running operations (a store's provisioning) that take longer than this are given up on. */
const OPERATION_TIMEOUT_MS = 120_000;
const CHANNEL = 'CHAT';

type ParticipantType = 'HUMAN_AGENT' | 'CUSTOMER' | 'AI_AGENT' | 'UNKNOWN';

/** A speaker's participant type: agents and customers by name, anyone else UNKNOWN. */
export function participantType(speaker: string): ParticipantType {
  const name = speaker.trim().toLowerCase();
  if (name === 'agent') return 'HUMAN_AGENT';
  if (name === 'customer' || name === 'caller') return 'CUSTOMER';
  if (name === 'ai agent' || name === 'bot' || name === 'assistant') return 'AI_AGENT';
  return 'UNKNOWN';
}

/** `label` made fit for both APIs' display names (letters, digits, hyphens; at most 32 characters). */
function scratchName(label: string): string {
  return `ci-eval-${label.replace(/[^a-zA-Z0-9]+/g, '')}`.slice(0, 32);
}

export function conversationsIngest(client: Twilio, signal: AbortSignal): Ingest {
  let configurationId: string | undefined;
  return {
    async prepare(intelligenceConfigurationId: string, scratch: Scratch, label: string) {
      const name = scratchName(label);
      const description = 'Scratch resource of `ci operators eval`; deleted when the evaluation ends.';
      const store = await client.memory.v1.stores.create({ displayName: name, description });
      const storeId = await memoryOperationResult(client, store.statusUrl, signal);
      scratch.add('memoryStores', storeId, () =>
        client.memory.v1
          .stores(storeId)
          .remove()
          .then(() => undefined),
      );
      const accepted = await client.conversations.v2.configurations.create({
        displayName: name,
        description,
        conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES',
        memoryStoreId: storeId,
        intelligenceConfigurationIds: [intelligenceConfigurationId],
      });
      const id = accepted.related?.configurationId;
      if (!id) throw new ApiError('the scratch conversation configuration was accepted without its ID');
      scratch.add('conversationConfigurations', id, async (cleaner) => {
        const removal = await cleaner.conversations.v2.configurations(id).remove();
        await conversationsOperationDone(cleaner, removal.statusUrl, undefined);
      });
      await conversationsOperationDone(client, accepted.statusUrl, signal);
      configurationId = id;
    },

    async conversation(example, scratch) {
      if (!configurationId) throw new Error('prepare() first');
      const speakers = [...new Set(example.turns.map((turn) => turn.participant))];
      const addressOf = (speaker: string) => ({
        channel: CHANNEL,
        address: `${speakers.indexOf(speaker) + 1}-${speaker.replace(/\W+/g, '-')}`,
      });
      const created = await client.conversations.v2.conversations.create({
        configurationId,
        name: example.id.slice(0, 128),
        participants: speakers.map((speaker) => ({ name: speaker, type: participantType(speaker), addresses: [addressOf(speaker)] })),
      });
      const id = created.id;
      if (!id) throw new ApiError('a scratch conversation was created without its ID');
      scratch.add('conversations', id, async (cleaner) => {
        const removal = await cleaner.conversations.v2.conversations(id).remove();
        await conversationsOperationDone(cleaner, removal.statusUrl, undefined);
      });
      for (const turn of example.turns)
        await say(client, id, turn, speakers.filter((other) => other !== turn.participant).map(addressOf), addressOf(turn.participant));
      return id;
    },
  };
}

async function say(
  client: Twilio,
  conversationId: string,
  turn: Turn,
  recipients: { channel: string; address: string }[],
  author: { channel: string; address: string },
) {
  await client.conversations.v2.communications(conversationId).create({
    author,
    // A monologue still needs a recipient: the speaker's own address.
    recipients: recipients.length ? recipients : [author],
    content: { type: 'TEXT', text: turn.text },
    ...(turn.at ? { occurredAt: new Date(turn.at) } : {}),
  });
}

const operationIdOf = (statusUrl: string | undefined) => (statusUrl ? new URL(statusUrl).pathname.split('/').pop() : undefined);

/** Waits for a Conversations v2 operation; FAILED is an error. Cleanup passes no signal: it must finish after Ctrl-C. */
async function conversationsOperationDone(client: Twilio, statusUrl: string | undefined, signal: AbortSignal | undefined): Promise<void> {
  const id = operationIdOf(statusUrl);
  if (!id) return;
  const deadline = Date.now() + OPERATION_TIMEOUT_MS;
  for (;;) {
    const operation = await client.conversations.v2.operations(id).fetch();
    if (operation.status === 'COMPLETED') return;
    if (operation.status === 'FAILED') throw new ApiError(`Conversations operation ${id} failed`);
    if (Date.now() > deadline) throw new ApiError(`Conversations operation ${id} did not complete`);
    await sleep(POLL_MS, signal);
  }
}

/** Waits for a Memory v1 operation (a store's creation); the ID of what it made. */
async function memoryOperationResult(client: Twilio, statusUrl: string | undefined, signal: AbortSignal): Promise<string> {
  const id = operationIdOf(statusUrl);
  if (!id) throw new ApiError('the scratch memory store was accepted without an operation to follow');
  const deadline = Date.now() + OPERATION_TIMEOUT_MS;
  for (;;) {
    const operation = await client.memory.v1.operations(id).fetch();
    if (operation.status === 'COMPLETED' && operation.result.id) return operation.result.id;
    if (operation.status === 'FAILED' || Date.now() > deadline)
      throw new ApiError(`the scratch memory store was not made (operation ${id}: ${operation.status})`);
    await sleep(POLL_MS, signal);
  }
}
