// The bulk progress bar: one line on a terminal's stderr, redrawn in place and never wider than the
// terminal (a line that wraps cannot be redrawn, and 300 inputs would leave 300 lines); silent when
// stderr is not a terminal.
import type { IO } from '../../lib/context.js';
import { ApiError } from '../../lib/errors.js';
import { clip } from '../../lib/output/text.js';
import { REDRAW } from '../../lib/spinner.js';

export interface Tally {
  created: number;
  exists: number;
  failed: number;
}

/** A bulk run's last stderr line: `transcribe: 1000 inputs: 12 created, 988 exist, 0 failed (988 resumed)`. */
export function summaryLine(command: string, total: number, tally: Tally, resumed: number): string {
  const fromEarlier = resumed ? ` (${resumed} resumed)` : '';
  return `${command}: ${total} inputs: ${tally.created} created, ${tally.exists} exist, ${tally.failed} failed${fromEarlier}`;
}

/** The exit of a bulk run some of whose inputs failed (their lines say why); undefined when none did. */
export function failedInputs(tally: Tally, total: number, withState: boolean): ApiError | undefined {
  if (!tally.failed) return undefined;
  return new ApiError(`${tally.failed} of ${total} inputs failed (see their "error" lines)`, {
    hint: withState ? 'run the same command again to retry them' : 'add --state FILE to retry only what failed',
  });
}

/** What the three counts are called: a transcription creates, finds or fails; other bulk runs say their own words. */
export type TallyWords = Record<keyof Tally, string>;
const TRANSCRIBE_WORDS: TallyWords = { created: 'created', exists: 'exists', failed: 'failed' };

const BAR_WIDTH = 24;
/** A bar narrower than this says nothing the count does not. */
const MIN_BAR_WIDTH = 5;
const REDRAW_MS = 100;

function bar(done: number, total: number, width: number): string {
  const filled = total ? Math.round((done / total) * width) : width;
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/**
 * The progress line for a width: everything when it fits, else the bar shrinks and then goes,
 * then the rate and ETA go, then the tally is abbreviated; never more than `width - 1` cells (the
 * last column would make some terminals wrap).
 */
export function progressLine(
  tally: Tally,
  total: number,
  elapsedSeconds: number,
  width: number,
  words: TallyWords = TRANSCRIBE_WORDS,
): string {
  const done = tally.created + tally.exists + tally.failed;
  const rate = done / Math.max(elapsedSeconds, 0.001);
  const eta = rate > 0 ? `${Math.ceil((total - done) / rate)}s` : '?';
  const count = `${done}/${total}`;
  const counts = `${words.created} ${tally.created} · ${words.exists} ${tally.exists} · ${words.failed} ${tally.failed}`;
  const timing = ` · ${rate.toFixed(1)}/s · ETA ${eta}`;
  const budget = Math.max(1, width - 1);
  const text = `${count} · ${counts}${timing}`;
  const room = budget - text.length - 1;
  if (room >= MIN_BAR_WIDTH) return `${bar(done, total, Math.min(BAR_WIDTH, room))} ${text}`;
  for (const line of [text, `${count} · ${counts}`, `${count} ✓${tally.created} =${tally.exists} ✗${tally.failed}`]) {
    if (line.length <= budget) return line;
  }
  return clip(count, budget);
}

export class ProgressBar {
  private lastDraw = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly io: IO,
    private readonly total: number,
    private readonly words: TallyWords = TRANSCRIBE_WORDS,
  ) {}

  update(tally: Tally, force = false): void {
    if (!this.io.stderrIsTTY) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.io.stderr.write(`${REDRAW}${progressLine(tally, this.total, (now - this.startedAt) / 1000, this.io.columns, this.words)}`);
  }

  /** Clears the bar, so the summary that follows is the one line left. */
  stop(): void {
    if (this.io.stderrIsTTY) this.io.stderr.write(REDRAW);
  }
}
