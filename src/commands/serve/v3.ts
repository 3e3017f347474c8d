// `ci serve --conversation-configuration`: each recording becomes a Voice v3 transcription into a conversation
// (as `ci transcribe RE… --conversation-configuration` does), closed once transcribed so its CONVERSATION_END
// rules run and post to their webhooks.
import type { Twilio } from 'twilio';
import { resolveConversationConfigurationId } from '../../lib/conversations-v2.js';
import { closeOnce } from '../../lib/transcriptions-bulk.js';
import {
  findTranscriptionOfRecording,
  startTranscription,
  transcriptionConfigurationFor,
  waitForTranscription,
} from '../../lib/transcriptions.js';
import type { RecordingTranscriber } from './endpoints.js';

/** How long the server waits for one transcription before it gives up on closing its conversation. */
const TRANSCRIPTION_WAIT = { timeoutMs: 10 * 60_000, intervalMs: 1_000 };

/** The transcription configuration `ci transcribe` uses for this conversation configuration (made the first time). */
export async function transcriptionConfigurationOf(client: Twilio, conversationConfiguration: string): Promise<string> {
  return transcriptionConfigurationFor(client, await resolveConversationConfigurationId(client, conversationConfiguration));
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
