// `ci serve --conversation-configuration`: each recording becomes a Voice v3 transcription into a conversation
// (as `ci transcribe RE… --conversation-configuration` does), closed once transcribed so its CONVERSATION_END
// rules run and post to their webhooks.
import type { Twilio } from 'twilio';
import { resolveConversationConfiguration, type ConversationConfiguration } from '../../lib/conversations-v2.js';
import { closeOnce } from '../../lib/transcriptions-bulk.js';
import {
  findTranscriptionOfRecording,
  startTranscription,
  transcriptionConfigurationFor,
  waitForTranscription,
} from '../../lib/transcriptions.js';
import { resolveConfiguration } from '../../lib/v3/configurations.js';
import type { RecordingTranscriber } from './endpoints.js';

/**
 * How long the server waits for one transcription before it gives up on closing its conversation, and how often
 * it asks (a call's recording is short: twice a second closes it soon after, for a handful of requests).
 */
const TRANSCRIPTION_WAIT = { timeoutMs: 10 * 60_000, intervalMs: 500 };

export interface ConversationTarget {
  conversationConfiguration: ConversationConfiguration;
  /** The transcription configuration `ci transcribe` uses for it (made the first time). */
  transcriptionConfigurationId: string;
}

export async function conversationTargetOf(client: Twilio, conversationConfigurationRef: string): Promise<ConversationTarget> {
  const conversationConfiguration = await resolveConversationConfiguration(client, conversationConfigurationRef);
  return {
    conversationConfiguration,
    transcriptionConfigurationId: await transcriptionConfigurationFor(client, conversationConfiguration.id),
  };
}

/**
 * Results reach this server only through a rule's WEBHOOK action: when no rule of the configuration's intelligence
 * configurations posts to `webhookUrl`, what to tell the user (with the command that fixes it), else undefined.
 */
export async function rulesWebhookWarning(
  client: Twilio,
  conversationConfiguration: ConversationConfiguration,
  webhookUrl: string,
): Promise<string | undefined> {
  const ids = conversationConfiguration.intelligenceConfigurationIds ?? [];
  const name = conversationConfiguration.displayName;
  const [first] = ids;
  if (first === undefined) return `conversation configuration ${name} has no intelligence configuration: no rule runs on its conversations`;
  const configurations = await Promise.all(ids.map((id) => resolveConfiguration(client, id)));
  const postsHere = configurations.some((configuration) =>
    configuration.rules.some((rule) => rule.actions.some((action) => action.url === webhookUrl)),
  );
  if (postsHere) return undefined;
  const target = configurations.find((configuration) => configuration.rules.length > 0) ?? configurations[0];
  const fix = target ? `; to point one here: ci configurations rules add ${target.displayName} 1 --webhook ${webhookUrl}` : '';
  return `no rule of conversation configuration ${name}'s intelligence configurations posts to this server's webhook URL${fix}`;
}

export function conversationTranscriber(client: Twilio, configurationId: string, signal: AbortSignal): RecordingTranscriber {
  return async (recordingSid, callSid) => {
    const earlier = await findTranscriptionOfRecording(client, recordingSid, configurationId);
    const transcription = earlier ?? (await startTranscription(client, { configurationId, source: { recordingSid } }));
    const transcriptionId = String(transcription.id);
    const completed = await waitForTranscription(client, transcriptionId, { ...TRANSCRIPTION_WAIT, signal });
    const conversationId = typeof completed.conversationId === 'string' ? completed.conversationId : null;
    if (conversationId) await closeOnce(client, conversationId);
    const outcome = earlier ? 'exists' : 'created';
    return {
      human: (style) =>
        `${style.cyan('transcription')}  ${transcriptionId}  ${outcome === 'created' ? 'created' : 'already exists'} for ${recordingSid} (call ${callSid ?? '?'})${conversationId ? `; conversation ${conversationId} closed` : ''}`,
      json: { event: 'transcription', outcome, transcriptionId, recordingSid, callSid: callSid ?? null, conversationId },
    };
  };
}
