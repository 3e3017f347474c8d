// Checks X-Twilio-Signature with the twilio SDK's own validators (form, query and JSON bodies).
import type { SignatureValidators } from '../client.js';

export interface ReceivedRequest {
  method: string;
  /** The URL Twilio called: the public (tunnel) URL when there is one, with the query string. */
  url: string;
  contentType: string;
  body: Buffer;
  signature: string | undefined;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/** Request parameters as Twilio signs them: a repeated name keeps all its values. */
export type Params = Record<string, string | string[]>;

export function paramsOf(search: URLSearchParams): Params {
  const params: Params = {};
  for (const [name, value] of search) {
    const existing = params[name];
    params[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return params;
}

export function isForm(contentType: string): boolean {
  return contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

export function verifySignature(validators: SignatureValidators, authToken: string, request: ReceivedRequest): Verdict {
  if (!request.signature) return { ok: false, reason: 'no X-Twilio-Signature header' };
  const hasBodyHash = new URL(request.url).searchParams.has('bodySHA256');
  let valid: boolean;
  if (hasBodyHash) {
    // JSON (or any non-form) body: the signature covers the URL, bodySHA256 covers the body.
    valid = validators.validateRequestWithBody(authToken, request.signature, request.url, request.body.toString('utf8'));
  } else if (request.method === 'POST' && isForm(request.contentType)) {
    valid = validators.validateRequest(
      authToken,
      request.signature,
      request.url,
      paramsOf(new URLSearchParams(request.body.toString('utf8'))),
    );
  } else if (request.body.length === 0) {
    valid = validators.validateRequest(authToken, request.signature, request.url, {});
  } else {
    return { ok: false, reason: `a ${request.contentType || 'body without a content type'} must be signed with bodySHA256` };
  }
  return valid ? { ok: true } : { ok: false, reason: `X-Twilio-Signature does not match ${request.url}` };
}
