import type { Twilio } from 'twilio';
import { ApiError, UsageError } from '../../lib/errors.js';
import { assertEmulator, existingRecording, recordCallerSaying } from '../../lib/call-recordings.js';
import { findPhoneNumber, parsePhoneNumber } from '../../lib/phone-numbers.js';
import { parseSid } from '../../lib/sid.js';
import { signingAuthToken } from '../../lib/webhooks/auth-token.js';
import type { Run } from '../spec.js';
import type { call } from './specs.js';

/** What the caller says by default: the seed article's test call. */
const SEED_CALLER_SPEECH = 'We cannot log in to your account system.';

/** Where the called number sends calls, as Twilio would look it up. */
async function voiceUrlOf(client: Twilio, number: string): Promise<string> {
  const voiceUrl = (await findPhoneNumber(client, number)).voiceUrl;
  if (typeof voiceUrl !== 'string' || !voiceUrl) {
    throw new UsageError(`${number} has no voice URL`, { hint: 'pass --to, or start `ci serve --phone-number ' + number + '`' });
  }
  return voiceUrl;
}

export const run: Run<typeof call> = async (ctx, flags) => {
  if (flags.recording && flags.say)
    throw new UsageError('give --recording or --say, not both', {
      hint: '--recording plays a catalogue recording; --say records a new one',
    });
  if (flags.recording) parseSid(flags.recording, 'RE', '--recording');
  parsePhoneNumber(flags.number, '--number');
  parsePhoneNumber(flags.from, '--from');
  const credentials = await ctx.credentials();
  assertEmulator(credentials.apiUrl);
  const authToken = flags.authToken ?? signingAuthToken(credentials);
  const client = await ctx.client();
  const voiceUrl = flags.to ?? (await voiceUrlOf(client, flags.number));
  const recording = flags.recording
    ? await existingRecording(client, flags.recording)
    : await recordCallerSaying(client, flags.say ?? SEED_CALLER_SPEECH);
  const { playInboundCall, CallFailedError } = await import('../../emulator/index.js');
  try {
    const steps = await playInboundCall({
      voiceUrl,
      callSid: recording.callSid,
      accountSid: credentials.accountSid,
      authToken,
      from: flags.from,
      to: flags.number,
      recording: {
        sid: recording.recordingSid,
        url: `https://api.twilio.com/2010-04-01/Accounts/${credentials.accountSid}/Recordings/${recording.recordingSid}`,
        durationSeconds: recording.durationSeconds,
      },
    });
    return {
      kind: 'list',
      rows: steps.map((step) => ({
        callSid: recording.callSid,
        recordingSid: recording.recordingSid,
        ...step,
        status: step.status ?? null,
      })),
      columns: [
        { key: 'step', header: 'STEP' },
        { key: 'detail', header: 'DETAIL' },
        {
          key: 'status',
          header: 'STATUS',
          format: (value) => (typeof value === 'number' || typeof value === 'string' ? String(value) : ''),
        },
      ],
    };
  } catch (error) {
    if (error instanceof CallFailedError) {
      throw new ApiError(`the call failed after ${error.steps.length} step(s): ${error.message}`, {
        hint: 'is `ci serve` running, with the same auth token?',
      });
    }
    throw error;
  }
};
