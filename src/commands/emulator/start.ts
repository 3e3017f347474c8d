import { Channel } from '../../lib/channel.js';
import type { OutputEvent } from '../../lib/output/types.js';
import { UsageError } from '../../lib/errors.js';
import { parseSid } from '../../lib/sid.js';
import { faultOptionsOf } from './fault-flags.js';
import type { Run } from '../spec.js';
import type { start } from './specs.js';

export const EMULATOR_PROFILE = 'emulator';

export const run: Run<typeof start> = async (ctx, flags) => {
  if (flags.accountSid) parseSid(flags.accountSid, 'AC', '--account-sid');
  const { startEmulator, loadRecordingsFile, StateFileError } = await import('../../emulator/index.js');
  const recordings = flags.recordings === undefined ? undefined : readCatalogue(loadRecordingsFile, flags.recordings);
  const emulator = await startEmulator({
    transcribeDelayMs: flags.transcribeDelayMs,
    recordings,
    port: flags.port,
    host: flags.host,
    accountSid: flags.accountSid,
    authToken: flags.authToken,
    stateFile: flags.state,
    log: (line) => ctx.log.warn(line),
    faults: faultOptionsOf(flags),
    seedTranscripts: flags.seedTranscripts,
    remoteWebhooks: flags.remoteWebhooks,
  }).catch((error: unknown) => {
    throw error instanceof StateFileError ? new UsageError(`--state: ${error.message}`) : error;
  });
  if (flags.profile) {
    const config = await ctx.config();
    config.setProfile(EMULATOR_PROFILE, { accountSid: emulator.accountSid, authToken: emulator.authToken, apiUrl: emulator.url });
  }
  const events = new Channel<OutputEvent>().closeOn(ctx.signal, () => emulator.close());
  events.push({
    human: (style) =>
      [
        `listening on ${emulator.url}`,
        `account SID  ${emulator.accountSid}`,
        `auth token   ${emulator.authToken}`,
        style.dim(
          flags.profile
            ? `profile "${EMULATOR_PROFILE}" saved: try \`ci --profile ${EMULATOR_PROFILE} services list\``
            : 'no profile written',
        ),
      ].join('\n'),
    json: { event: 'listening', url: emulator.url, accountSid: emulator.accountSid, authToken: emulator.authToken },
  });
  return { kind: 'stream', events, piped: 'text' };
};

/** A catalogue that cannot be read is the user's input being wrong: exit 2, one line. */
function readCatalogue<T>(load: (file: string) => T, file: string): T {
  try {
    return load(file);
  } catch (error) {
    throw new UsageError(`--recordings: ${(error as Error).message}`);
  }
}
