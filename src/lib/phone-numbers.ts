// The account's phone numbers (api.v2010 IncomingPhoneNumbers): find one, point its voice URL.
import type { Twilio } from 'twilio';
import { NotFoundError, UsageError } from './errors.js';
import { toPlain } from './output/format.js';
import type { Row } from './output/types.js';
import { firstRow } from './paging.js';
import { textOf } from './rows.js';

const E164 = /^\+[1-9]\d{6,14}$/;

export function parsePhoneNumber(value: string, flag: string): string {
  if (!E164.test(value)) throw new UsageError(`${flag} must be a phone number in E.164 form, e.g. +15005550001 (got "${value}")`);
  return value;
}

export async function findPhoneNumber(client: Twilio, phoneNumber: string): Promise<Row> {
  const number = await firstRow(client.incomingPhoneNumbers.page({ phoneNumber, pageSize: 1 }));
  if (!number) throw new NotFoundError(`${phoneNumber} is not a phone number of this account`);
  return number;
}

/** "A call comes in" → Webhook, HTTP POST, this URL. */
export async function setVoiceUrl(client: Twilio, phoneNumber: string, voiceUrl: string): Promise<Row> {
  const number = await findPhoneNumber(client, phoneNumber);
  return toPlain(await client.incomingPhoneNumbers(textOf(number, 'sid')).update({ voiceUrl, voiceMethod: 'POST' }));
}
