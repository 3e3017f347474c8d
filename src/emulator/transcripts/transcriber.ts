// The transcript lifecycle: queued → in-progress → completed (or failed), on timers, outside any request.
import { analyse, type Utterance } from '../engine/index.js';
import { newSid } from '../sid.js';
import { servicesIn, type ServiceRecord } from '../services/record.js';
import type { Store } from '../store.js';
import { analysesIn, isoNow, mediaSourceOf, roleOf, transcriptsIn, type TranscriptRecord, type TranscriptStatus } from './records.js';
import { durationOf, readUtterances, RecordingCatalogue } from './recordings.js';

export type TranscriptCompletedHook = (transcript: TranscriptRecord, service: ServiceRecord) => void;

export interface TranscriberOptions {
  /** Time from create to completed (half of it queued, half in progress). */
  delayMs: number;
  catalogue: RecordingCatalogue;
  /** Called once per transcript that completes, after its results are stored (webhook delivery plugs in here). */
  onTranscriptCompleted: TranscriptCompletedHook;
  log: (line: string) => void;
}

export class Transcriber {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: TranscriberOptions,
  ) {}

  get catalogue(): RecordingCatalogue {
    return this.options.catalogue;
  }

  /** Time from create to completed, for Voice v3 transcriptions too. */
  get delayMs(): number {
    return this.options.delayMs;
  }

  /** Starts processing a transcript just created (status queued). */
  start(sid: string): void {
    this.after(this.options.delayMs / 2, async () => {
      if (!(await this.setStatus(sid, 'in-progress'))) return;
      const started = Date.now();
      const utterances = await this.readMedia(sid);
      this.after(Math.max(0, this.options.delayMs / 2 - (Date.now() - started)), () => this.finish(sid, utterances));
    });
  }

  /** Transcripts a state file left queued or in progress start over, so none stays stuck. */
  resumePending(): void {
    for (const { value } of transcriptsIn(this.store).entries()) {
      if (value.status === 'queued' || value.status === 'in-progress') this.start(value.sid);
    }
  }

  /** Stops pending work; transcripts still in flight stay as they are. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Runs `work` after `ms` unless closed first; Voice v3 transcriptions (src/emulator/voice/) run on these timers too. */
  after(ms: number, work: () => void | Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      Promise.resolve()
        .then(work)
        .catch((error: unknown) => this.options.log(`emulator: transcription failed unexpectedly: ${String(error)}`));
    }, ms);
    this.timers.add(timer);
  }

  /** The utterances of the transcript's media, or undefined when it cannot be read. */
  private async readMedia(sid: string): Promise<Utterance[] | undefined> {
    const transcript = transcriptsIn(this.store).get(sid);
    return transcript && readUtterances(mediaSourceOf(transcript), this.catalogue);
  }

  private async finish(sid: string, utterances: Utterance[] | undefined): Promise<void> {
    const completed = await this.change(() => {
      const transcript = transcriptsIn(this.store).get(sid);
      const analysis = analysesIn(this.store).get(sid);
      if (!transcript || !analysis || transcript.status !== 'in-progress') return undefined; // deleted meanwhile
      if (!utterances) {
        this.updateStatus(transcript, 'failed');
        return undefined;
      }
      analysesIn(this.store).replace({
        ...analysis,
        utterances,
        sentence_sids: utterances.map(() => newSid('GX')),
        results: analyse(analysis.operators, utterances, sid, (channel) => roleOf(transcript, channel)),
      });
      return this.updateStatus(transcript, 'completed', { duration: durationOf(utterances) });
    });
    const service = completed && servicesIn(this.store).get(completed.service_sid);
    if (completed && service) this.options.onTranscriptCompleted(completed, service);
  }

  private setStatus(sid: string, status: TranscriptStatus): Promise<TranscriptRecord | undefined> {
    return this.change(() => {
      const current = transcriptsIn(this.store).get(sid);
      return current && this.updateStatus(current, status);
    });
  }

  private updateStatus(current: TranscriptRecord, status: TranscriptStatus, changes: Partial<TranscriptRecord> = {}): TranscriptRecord {
    return transcriptsIn(this.store).replace({ ...current, ...changes, status, date_updated: isoNow() });
  }

  /** A change outside any request: saved like a request's; if it cannot be, it is logged and nothing changes. */
  private async change<R>(mutate: () => R | undefined): Promise<R | undefined> {
    try {
      return await this.store.commit(mutate);
    } catch (error) {
      this.options.log(`emulator: could not save the state file, the transcript change was rolled back: ${String(error)}`);
      return undefined;
    }
  }
}
