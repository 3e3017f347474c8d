// How Twilio signs the requests it sends (X-Twilio-Signature), written from Twilio's documented
// algorithm with node:crypto alone: the emulator shares no code with the CLI, so a CLI that
// verifies wrongly (with the twilio SDK) fails against it instead of agreeing with itself.
import { createHash, createHmac } from 'node:crypto';

/** Form or query parameters; a repeated name carries every value. */
export type SignedParams = Record<string, string | string[]>;

/**
 * HMAC-SHA1, keyed with the auth token, over the full URL followed by every parameter's
 * name and value, names in sorted order (a repeated name's values sorted too); base64.
 * For GET requests and JSON bodies the parameters are empty: the query is part of the URL.
 */
export function twilioSignature(authToken: string, url: string, params: SignedParams = {}): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const values = params[name];
    for (const value of Array.isArray(values) ? [...values].sort() : [values]) data += name + value;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** A JSON body is signed through its hash: the URL gains `bodySHA256=<hex sha256 of the body>`. */
export function urlWithBodySha256(url: string, body: string): string {
  const signed = new URL(url);
  signed.searchParams.set('bodySHA256', createHash('sha256').update(body, 'utf8').digest('hex'));
  return signed.toString();
}
