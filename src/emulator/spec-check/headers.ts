// Response headers: what HTTP and Twilio's clients rely on, and the headers the spec documents.
import { mediaTypeOf } from '../body.js';
import type { Exchange } from '../server.js';
import { errorsOf } from './errors-of.js';
import { mayOmitHeader } from './voice.js';
import type { ResponseSpec, SpecFile } from './spec-file.js';

export interface DocumentedResponse {
  spec: SpecFile;
  response: ResponseSpec;
  /** JSON pointer of the response inside the spec. */
  pointer: string[];
}

export function headerViolations(exchange: Exchange, documented: DocumentedResponse | undefined): string[] {
  const headers = Object.fromEntries(Object.entries(exchange.responseHeaders).map(([name, value]) => [name.toLowerCase(), value]));
  const violations: string[] = [];
  const contentType = headers['content-type'];
  if (exchange.body !== undefined && mediaTypeOf(contentType) !== 'application/json') {
    violations.push(`a JSON body is sent with Content-Type ${contentType ?? '(none)'}`);
  }
  if (exchange.body === undefined && contentType !== undefined)
    violations.push(`a response without a body has Content-Type ${contentType}`);
  if (exchange.status === 401 && headers['www-authenticate'] !== 'Basic realm="Twilio API"') {
    violations.push('a 401 must carry WWW-Authenticate: Basic realm="Twilio API"');
  }
  if (exchange.status === 405 && !headers.allow) violations.push('a 405 must carry an Allow header');
  for (const [name, header] of Object.entries(documented?.response.headers ?? {})) {
    const value = headers[name.toLowerCase()];
    // v3 declares few headers (ETag, X-RateLimit-*), and its clients rely on them; v2 declares what it may send.
    if (value === undefined && documented?.spec.json && !mayOmitHeader(name, exchange))
      violations.push(`response header ${name} is declared but was not sent`);
    if (value === undefined || !header.schema || !documented) continue;
    const validate = documented.spec.validatorAt([...documented.pointer, 'headers', name, 'schema']);
    violations.push(...errorsOf(validate, documented.spec.coerce(value, header.schema), `response header ${name}`));
  }
  return violations;
}
