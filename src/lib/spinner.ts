import type { IO } from './context.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;

export interface Spinner {
  update(text: string): void;
  stop(): void;
}

/** A one-line spinner on stderr; on anything but a terminal it stays silent. */
export function startSpinner(io: IO, text: string): Spinner {
  if (!io.stderrIsTTY) return { update: () => {}, stop: () => {} };
  let frame = 0;
  let current = text;
  const draw = () => io.stderr.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${current}`);
  draw();
  const timer = setInterval(draw, FRAME_MS);
  timer.unref();
  return {
    update(next) {
      current = next;
    },
    stop() {
      clearInterval(timer);
      io.stderr.write('\r\x1b[2K');
    },
  };
}
