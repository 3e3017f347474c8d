// The recording a `ci emulator call` plays: one the emulator's catalogue already has, or a new one.
import type { Twilio } from 'twilio';
import { ApiError, UsageError, toCliError } from './errors.js';

export interface CallRecording {
  recordingSid: string;
  callSid: string;
  durationSeconds: number;
}

/** Only an emulator records calls on request; Twilio's API has no such endpoint. */
export function assertEmulator(apiUrl: string | undefined): void {
  if (!apiUrl) {
    throw new UsageError('ci emulator call needs a local emulator, and the credentials in effect point at Twilio', {
      hint: 'start one with `ci emulator start`, then use `ci --profile emulator emulator call …`',
    });
  }
}

/** Asks the emulator for a new catalogue recording of a caller saying `text`. */
export async function recordCallerSaying(client: Twilio, text: string): Promise<CallRecording> {
  // The SDK has no method for an emulator-only resource; its generic request still takes the base-URL override.
  const response = (await client.request({
    method: 'post',
    uri: 'https://intelligence.twilio.com/emulator/Recordings',
    data: { Text: text },
  })) as { statusCode: number; body: unknown };
  const body = (typeof response.body === 'string' ? JSON.parse(response.body) : response.body) as { sid?: string; message?: string };
  if (response.statusCode !== 201 || !body.sid) {
    throw new ApiError(
      `the emulator did not create the call's recording (${response.statusCode}${body.message ? `: ${body.message}` : ''})`,
    );
  }
  return existingRecording(client, body.sid);
}

/** A recording by SID, as Twilio's Recording resource describes it: its call and its length. */
export async function existingRecording(client: Twilio, recordingSid: string): Promise<CallRecording> {
  let recording;
  try {
    recording = await client.api.v2010.account.recordings(recordingSid).fetch();
  } catch (error) {
    throw toCliError(error, `recording ${recordingSid}`);
  }
  return { recordingSid, callSid: recording.callSid, durationSeconds: Number(recording.duration) };
}
