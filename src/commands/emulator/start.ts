import { Channel } from '../../lib/channel.js';
import type { Context } from '../../lib/context.js';
import type { CommandResult, OutputEvent } from '../../lib/output/types.js';
import { UsageError } from '../../lib/errors.js';
import { readSecret, secretInputsOf } from '../../lib/secrets.js';
import { parseSid } from '../../lib/sid.js';
import { faultOptionsOf, type FaultFlags } from './fault-flags.js';

export interface StartFlags extends FaultFlags {
  port: number;
  host: string;
  accountSid?: string;
  authToken?: string;
  authTokenStdin?: boolean;
  state?: string;
  profile: boolean;
  transcribeDelayMs?: number;
  recordings?: string;
  remoteWebhooks?: boolean;
}

export const EMULATOR_PROFILE = 'emulator';

export async function run(ctx: Context, flags: StartFlags): Promise<CommandResult> {
  if (flags.accountSid) parseSid(flags.accountSid, 'AC', '--account-sid');
  const { startEmulator, loadRecordingsFile } = await import('../../emulator/index.js');
  const recordings = flags.recordings === undefined ? undefined : readCatalogue(loadRecordingsFile, flags.recordings);
  const emulator = await startEmulator({
    transcribeDelayMs: flags.transcribeDelayMs,
    recordings,
    port: flags.port,
    host: flags.host,
    accountSid: flags.accountSid,
    authToken: await readSecret(
      {
        label: 'Auth token',
        flag: '--auth-token',
        value: flags.authToken,
        fromStdin: flags.authTokenStdin,
        envName: 'TWILIO_CI_EMULATOR_AUTH_TOKEN',
      },
      secretInputsOf(ctx, { prompt: false }),
    ),
    stateFile: flags.state,
    log: (line) => ctx.log.warn(line),
    faults: faultOptionsOf(flags),
    seedTranscripts: flags.seedTranscripts,
    remoteWebhooks: flags.remoteWebhooks,
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
  return { kind: 'events', events, piped: 'text' };
}

/** A catalogue that cannot be read is the user's input being wrong: exit 2, one line. */
function readCatalogue<T>(load: (file: string) => T, file: string): T {
  try {
    return load(file);
  } catch (error) {
    throw new UsageError(`--recordings: ${(error as Error).message}`);
  }
}
