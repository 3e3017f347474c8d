// Flags shared by the transcript commands; imported by the index files, so only commander here.
import type { Command } from 'commander';
import { MIN_INTERVAL_MS, parseDuration } from '../../lib/time.js';

/** --timeout / --interval (and --wait where waiting is optional). */
export function waitFlags(command: Command, { optional }: { optional: boolean }): Command {
  if (optional) command.option('--wait', 'wait until the transcript is completed (exit 5 if it fails or times out)');
  return command
    .option('--timeout <duration>', 'give up waiting after this long, e.g. 90s or 10m (default 10m)', (value: string) =>
      parseDuration(value, '--timeout'),
    )
    .option('--interval <duration>', 'time between status checks, e.g. 2s (default 2s, at least 100ms)', (value: string) =>
      parseDuration(value, '--interval', { min: MIN_INTERVAL_MS }),
    );
}

/** --redacted / --no-redacted: unset leaves the API's default (redacted when the service redacts). */
export function redactionFlags(command: Command, what: string): Command {
  return command
    .option('--redacted', `${what} with PII redacted (the default when the service redacts)`)
    .option('--no-redacted', `${what} unredacted`);
}
