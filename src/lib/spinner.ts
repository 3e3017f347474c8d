import type { IO } from './context.js';
import { sanitize } from './output/sanitize.js';
import { clip } from './output/text.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;
/** Back to the start of the line and clear it. */
export const REDRAW = '\r\x1b[2K';

export interface Spinner {
  update(text: string): void;
  stop(): void;
}

/**
 * A one-line spinner on stderr, redrawn in place and clipped to the terminal (a wrapped line
 * cannot be redrawn); the text may carry API data (a status), so it is sanitised. On anything but
 * a terminal it stays silent.
 */
export function startSpinner(io: IO, text: string): Spinner {
  if (!io.stderrIsTTY) return { update: () => {}, stop: () => {} };
  let frame = 0;
  let current = text;
  // Frame, space, text, and the last column left free: some terminals wrap on writing it.
  const draw = () =>
    io.stderr.write(
      `${REDRAW}${FRAMES[frame++ % FRAMES.length]} ${clip(sanitize(current).replace(/\s+/g, ' '), Math.max(1, io.columns - 3))}`,
    );
  draw();
  const timer = setInterval(draw, FRAME_MS);
  timer.unref();
  return {
    update(next) {
      current = next;
    },
    stop() {
      clearInterval(timer);
      io.stderr.write(REDRAW);
    },
  };
}
