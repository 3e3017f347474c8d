import type { Context } from '../../lib/context.js';
import { Channel } from '../../lib/channel.js';
import type { OutputEvent } from '../../lib/output/types.js';
import { UsageError } from '../../lib/errors.js';
import { readSecret, secretInputsOf } from '../../lib/secrets.js';
import { parseSid } from '../../lib/sid.js';
import { FILE_LIMITS } from '../../lib/adapters/files.js';
import { describeJsonError, parseJson } from '../../schema/json.js';
import { faultOptionsOf } from './fault-flags.js';
import type { Run } from '../spec.js';
import type { start } from './specs.js';
import { messageOf } from '../../lib/thrown.js';

export const EMULATOR_PROFILE = 'emulator';

export const run: Run<typeof start> = async (ctx, flags) => {
  if (flags.accountSid) parseSid(flags.accountSid, 'AC', '--account-sid');
  if (flags.recordings !== undefined)
    await checkJsonFile(ctx, flags.recordings, '--recordings', 'recordings catalogue', FILE_LIMITS.recordings);
  if (flags.state !== undefined) await checkJsonFile(ctx, flags.state, '--state', 'emulator state file', FILE_LIMITS.emulatorState);
  const { startEmulator, loadRecordingsFile, StateFileError } = await import('../../emulator/index.js');
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

/** A regular file of JSON within its limit (a state file may not exist yet): else exit 2 before the emulator reads it. */
async function checkJsonFile(ctx: Context, path: string, what: string, kind: string, limit: number): Promise<void> {
  if ((await ctx.files.regularFileSize(path, { limit, what })) === undefined) return;
  const parsed = parseJson(await ctx.files.readText(path, { limit, what }));
  if (!parsed.ok) throw new UsageError(`the ${kind} ${path} is not valid JSON (${describeJsonError(parsed)}); fix it or move it away`);
}

/** A catalogue that cannot be read is the user's input being wrong: exit 2, one line. */
function readCatalogue<T>(load: (file: string) => T, file: string): T {
  try {
    return load(file);
  } catch (error) {
    throw new UsageError(`--recordings: ${messageOf(error)}`);
  }
}
