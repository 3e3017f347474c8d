// The bulk progress bar: one redrawn line on a terminal's stderr; silent when stderr is not a terminal.
import type { IO } from '../../lib/context.js';

export interface Tally {
  created: number;
  exists: number;
  failed: number;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

export class ProgressBar {
  private lastDraw = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly io: IO,
    private readonly total: number,
  ) {}

  update(tally: Tally, force = false): void {
    if (!this.io.stderrIsTTY) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const done = tally.created + tally.exists + tally.failed;
    const filled = this.total ? Math.round((done / this.total) * BAR_WIDTH) : BAR_WIDTH;
    const rate = done / Math.max((now - this.startedAt) / 1000, 0.001);
    const eta = rate > 0 ? `${Math.ceil((this.total - done) / rate)}s` : '?';
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    this.io.stderr.write(
      `\r\x1b[2K${bar} ${done}/${this.total} · created ${tally.created} · exists ${tally.exists} · failed ${tally.failed} · ${rate.toFixed(1)}/s · ETA ${eta}`,
    );
  }

  stop(): void {
    if (this.io.stderrIsTTY) this.io.stderr.write('\r\x1b[2K');
  }
}
