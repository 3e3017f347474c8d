// A Voice v3 transcription's lifecycle: PENDING → RUNNING → COMPLETED (or FAILED), on the transcriber's timers,
// outside any request. On completion its utterances become a conversation in the configured conversation configuration.
import type { Utterance } from '../engine/index.js';
import type { Store } from '../store.js';
import { readUtterances, type RecordingCatalogue } from '../transcripts/recordings.js';
import type { Transcriber } from '../transcripts/transcriber.js';
import { conversationCollections } from '../conversations/records.js';
import { isoNow, transcriptionsIn, type TranscriptionRecord, type TranscriptionStatus } from './records.js';
import { lifecycleSink, type ConversationSink } from './sink.js';

/** Placeholder VOICE addresses for participants the request gave none (E.164, in the reserved 555-01xx range). */
const PLACEHOLDER_ADDRESS = (channel: number) => `+1555010000${channel}`;
/** The engine's confidence in its own words: it read them from a script. */
const CONFIDENCE = 0.99;

export interface TranscriptionRuntime {
  store: Store;
  transcriber: Transcriber;
}

/** Starts a transcription just created (PENDING). */
export function startTranscription({ store, transcriber }: TranscriptionRuntime, id: string): void {
  transcriber.after(transcriber.delayMs / 2, async () => {
    const running = await setStatus(store, id, 'RUNNING');
    if (!running) return;
    const started = Date.now();
    const utterances = await readUtterances(sourceOf(running), transcriber.catalogue);
    transcriber.after(Math.max(0, transcriber.delayMs / 2 - (Date.now() - started)), () =>
      finish(store, lifecycleSink(store), transcriber.catalogue, id, utterances),
    );
  });
}

/** Transcriptions a state file left PENDING or RUNNING start over, so none stays stuck. */
export function resumeTranscriptions(runtime: TranscriptionRuntime): void {
  for (const { value } of transcriptionsIn(runtime.store).entries()) {
    if (value.status === 'PENDING' || value.status === 'RUNNING') startTranscription(runtime, value.sid);
  }
}

function sourceOf(record: TranscriptionRecord): { mediaUrl: string } | { recordingSid: string } {
  return record.mediaUrl !== null ? { mediaUrl: record.mediaUrl } : { recordingSid: record.sourceId ?? '' };
}

function setStatus(store: Store, id: string, status: TranscriptionStatus): Promise<TranscriptionRecord | undefined> {
  return store.commit(() => {
    const current = transcriptionsIn(store).get(id);
    return current && transcriptionsIn(store).replace({ ...current, status, updatedAt: isoNow() });
  });
}

async function finish(
  store: Store,
  sink: ConversationSink,
  catalogue: RecordingCatalogue,
  id: string,
  utterances: Utterance[] | undefined,
): Promise<void> {
  await store.commit(() => {
    const current = transcriptionsIn(store).get(id);
    if (!current || current.status !== 'RUNNING') return;
    const configurationId = current.resolvedConfiguration.conversationConfigurationId ?? null;
    // Unreadable media, or a conversation configuration deleted since: nowhere to put the words.
    const configurationGone = configurationId !== null && !conversationCollections(store).configurations.get(configurationId);
    if (!utterances || configurationGone) {
      transcriptionsIn(store).replace({ ...current, status: 'FAILED', updatedAt: isoNow() });
      return;
    }
    const conversationId = configurationId === null ? null : storeConversation(sink, current, configurationId, utterances, catalogue);
    transcriptionsIn(store).replace({
      ...current,
      status: 'COMPLETED',
      conversationId,
      duration: Math.ceil(Math.max(0, ...utterances.map((utterance) => utterance.end))),
      updatedAt: isoNow(),
    });
  });
}

function storeConversation(
  sink: ConversationSink,
  transcription: TranscriptionRecord,
  configurationId: string,
  utterances: Utterance[],
  catalogue: RecordingCatalogue,
): string {
  const callSid = transcription.sourceId === null ? undefined : catalogue.get(transcription.sourceId)?.call_sid;
  const channels = [1, 2];
  const conversationId = sink.create({
    accountSid: transcription.accountId,
    configurationId,
    channelIds: callSid ? [callSid] : [],
    participants: channels.map((channel) => {
      const participant = transcription.participants.find((one) => one.audioChannelIndex === channel);
      return {
        type: participant?.type ?? 'CUSTOMER',
        name: participant?.name ?? null,
        address: participant?.address ?? PLACEHOLDER_ADDRESS(channel),
      };
    }),
  });
  const start = Date.parse(transcription.audioStartedAt);
  sink.addCommunications(
    transcription.accountId,
    conversationId,
    utterances.map((utterance) => ({
      speaker: channels.indexOf(utterance.channel),
      text: utterance.text,
      occurredAt: new Date(start + utterance.start * 1000).toISOString(),
      transcription: {
        channel: utterance.channel - 1,
        confidence: CONFIDENCE,
        engine: transcription.resolvedConfiguration.transcriptionEngine,
      },
    })),
  );
  return conversationId;
}
