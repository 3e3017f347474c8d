// Flags shared by the transcript commands (transcripts, transcribe, results); spec data only.
import { MIN_INTERVAL_MS } from '../../lib/time.js';
import { flag } from '../spec.js';

/** --timeout / --interval: how long and how often to check a transcript's status. */
export const waitTimingFlags = {
  timeout: flag.duration('--timeout <duration>', 'give up waiting after this long, e.g. 90s or 10m (default 10m)'),
  interval: flag.duration('--interval <duration>', 'time between status checks, e.g. 2s (default 2s, at least 100ms)', {
    min: MIN_INTERVAL_MS,
  }),
};

/** --wait where waiting is optional, with its timing. */
export const waitFlags = {
  wait: flag.bool('--wait', 'wait until the transcript is completed (exit 5 if it fails or times out)'),
  ...waitTimingFlags,
};

/** --redacted / --no-redacted: unset leaves the API's default (redacted when the service redacts). */
export function redactionFlags(what: string) {
  return {
    redacted: flag.bool('--redacted', `${what} with PII redacted (the default when the service redacts)`, {
      negation: `${what} unredacted`,
    }),
  };
}
