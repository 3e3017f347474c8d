import type { Context } from '../../lib/context.js';
import { ApiError } from '../../lib/errors.js';
import type { CommandResult } from '../../lib/output/types.js';
import { parseSid } from '../../lib/sid.js';
import { signingAuthToken } from '../../lib/webhooks/auth-token.js';

export interface CallFlags {
  to: string;
  recording?: string;
  from: string;
  number: string;
  authToken?: string;
}

export async function run(ctx: Context, flags: CallFlags): Promise<CommandResult> {
  if (flags.recording) parseSid(flags.recording, 'RE', '--recording');
  const credentials = await ctx.credentials();
  const authToken = flags.authToken ?? signingAuthToken(credentials);
  const { playInboundCall, CallFailedError } = await import('../../emulator/voice-call.js');
  const { newSid } = await import('../../emulator/sid.js');
  const recordingSid = flags.recording ?? newSid('RE');
  try {
    const call = await playInboundCall({
      voiceUrl: flags.to,
      accountSid: credentials.accountSid,
      authToken,
      from: flags.from,
      to: flags.number,
      recording: {
        sid: recordingSid,
        url: `https://api.twilio.com/2010-04-01/Accounts/${credentials.accountSid}/Recordings/${recordingSid}`,
        durationSeconds: 7,
      },
    });
    return {
      kind: 'list',
      rows: call.steps.map((step) => ({ callSid: call.callSid, ...step, status: step.status ?? null })),
      columns: [{ key: 'step', header: 'STEP' }, { key: 'detail', header: 'DETAIL' }, { key: 'status', header: 'STATUS', format: (value) => (value === null ? '' : String(value)) }],
    };
  } catch (error) {
    if (error instanceof CallFailedError) {
      throw new ApiError(`the call failed after ${error.steps.length} step(s): ${error.message}`, { hint: 'is `ci serve` running, and does it use the same auth token?' });
    }
    throw error;
  }
}
