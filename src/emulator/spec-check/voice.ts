// What the Voice v2/v3 descriptions leave to their prose: which error body a path answers with when the
// status is undocumented, and which declared headers are sent only sometimes.
import type { Exchange } from '../server.js';

type FieldTypes = Record<string, 'number' | 'string' | 'boolean' | 'object'>;

const TWILIO_V2: FieldTypes = { code: 'number', message: 'string', more_info: 'string', status: 'number' };
const INTELLIGENCE_V3: FieldTypes = { code: 'number', message: 'string', httpStatusCode: 'number', userError: 'boolean', params: 'object' };
/** RFC 9457 problem details (Voice v3). */
const PROBLEM: FieldTypes = { type: 'string', title: 'string', status: 'number', code: 'number' };

/** The fields (and their types) of the error body a path answers with. */
export function errorFieldsFor(path: string): FieldTypes {
  if (path === '/v3/Transcriptions' || path.startsWith('/v3/Transcriptions/')) return PROBLEM;
  return path.startsWith('/v3/') ? INTELLIGENCE_V3 : TWILIO_V2;
}

/**
 * Declared headers the spec's own descriptions make conditional: Voice v3 echoes `Idempotency-Key` only when
 * the request had one, and sends a fetch's `Retry-After` only while the transcription is PENDING or RUNNING.
 */
export function mayOmitHeader(name: string, exchange: Exchange): boolean {
  const header = name.toLowerCase();
  if (header === 'idempotency-key') return exchange.headers['idempotency-key'] === undefined;
  if (header === 'retry-after' && exchange.method === 'GET') {
    const status = (exchange.body as { status?: unknown } | undefined)?.status;
    return status !== 'PENDING' && status !== 'RUNNING';
  }
  return false;
}
