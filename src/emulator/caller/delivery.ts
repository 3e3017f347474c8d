// Sends signed requests the way Twilio does: webhooks, voice requests, status callbacks.
import { twilioSignature, urlWithBodySha256, type SignedParams } from './signing.js';

export type SignedMethod = 'GET' | 'POST';

export interface SignedRequest {
  url: string;
  method: SignedMethod;
  params: SignedParams;
  /** POST only: send the parameters as a JSON body signed through bodySHA256 instead of a form. */
  json?: boolean;
  /** With `json`: send this (any JSON value) instead of the parameters. */
  jsonBody?: unknown;
}

export interface SignedResponse {
  /** The URL actually requested (with the query for GET, with bodySHA256 for JSON). */
  url: string;
  status: number;
  contentType: string;
  body: string;
}

const TIMEOUT_MS = 15_000;

function toSearchParams(params: SignedParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, values] of Object.entries(params)) {
    for (const value of Array.isArray(values) ? values : [values]) search.append(name, value);
  }
  return search;
}

/** One signed request; throws only when the target cannot be reached. */
export async function sendSigned(authToken: string, request: SignedRequest): Promise<SignedResponse> {
  let url = request.url;
  let body: string | undefined;
  let contentType: string | undefined;
  let signedParams: SignedParams = {};
  if (request.method === 'GET') {
    const withQuery = new URL(url);
    for (const [name, value] of toSearchParams(request.params)) withQuery.searchParams.append(name, value);
    url = withQuery.toString();
  } else if (request.json) {
    body = JSON.stringify(request.jsonBody ?? request.params);
    contentType = 'application/json';
    url = urlWithBodySha256(url, body);
  } else {
    body = toSearchParams(request.params).toString();
    contentType = 'application/x-www-form-urlencoded';
    signedParams = request.params;
  }
  const headers: Record<string, string> = {
    'X-Twilio-Signature': twilioSignature(authToken, url, signedParams),
    'User-Agent': 'TwilioProxy/1.1 (ci emulator)',
  };
  if (contentType) headers['Content-Type'] = contentType;
  const response = await fetch(url, { method: request.method, headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  return { url, status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** Fire-and-log: a webhook that fails is reported on the emulator's log and never fails the caller. */
export async function deliverWebhook(authToken: string, request: SignedRequest, log: (line: string) => void): Promise<void> {
  try {
    const response = await sendSigned(authToken, request);
    if (response.status >= 300) log(`emulator: webhook ${request.method} ${request.url} answered ${response.status}`);
  } catch (error) {
    log(`emulator: webhook ${request.method} ${request.url} failed: ${reasonOf(error)}`);
  }
}

/** Why a request could not be sent: fetch wraps the socket error (ECONNREFUSED, …) as its cause. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? String(error.cause) : error.message;
}
