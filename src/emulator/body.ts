// Reading a request body: bounded, and only once the request is known to be allowed.
import type { IncomingMessage } from 'node:http';
import { payloadTooLarge } from './errors.js';
import { toParamMap, type ParamMap } from './params.js';
import { isConversationsPath } from './conversations/paths.js';
import { isMemoryPath } from './memory/paths.js';
import { isV3Path, readV3Body } from './v3/http.js';
import { isVoiceJsonPath } from './voice/http.js';

/** APIs that take JSON bodies: Intelligence v3, Conversations v2, Memory v1, Voice v2 Configurations and v3 Transcriptions. */
const isJsonPath = (path: string): boolean => isV3Path(path) || isConversationsPath(path) || isMemoryPath(path) || isVoiceJsonPath(path);

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** True when the request announces a body (the connection cannot be reused unless it is read). */
export function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * What a request sends: v2 paths take form parameters (an application/x-www-form-urlencoded body, media
 * type in any case; {} for other bodies), JSON APIs' paths a JSON body (415 for anything else).
 */
export async function readRequestBody(request: IncomingMessage, path: string): Promise<{ form: ParamMap; json: unknown }> {
  if (!hasBody(request)) return { form: {}, json: undefined };
  const body = await readBody(request, MAX_BODY_BYTES);
  if (isJsonPath(path)) return { form: {}, json: readV3Body(request.headers['content-type'] ?? '', body) };
  if (body.length === 0 || mediaTypeOf(request.headers['content-type']) !== 'application/x-www-form-urlencoded')
    return { form: {}, json: undefined };
  return { form: toParamMap(new URLSearchParams(body.toString('utf8'))), json: undefined };
}

/** `type/subtype` in lower case, without parameters such as charset. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/**
 * The whole body, or a 413 as soon as it is known to be larger than `limit` (from Content-Length,
 * before reading anything). Past the limit the rest is left unread: the server closes the connection.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(request.headers['content-length']) > limit) return Promise.reject(payloadTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      reject(payloadTooLarge(limit));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
