// Voice v3 answers errors with RFC 9457 problem details ({type, title, status, code, detail}); twilio-node's
// RestException reads only `message`, `code` and `more_info`, so without this the detail is lost and the
// error has no message at all. The client hands every error answer through here before the SDK parses it.

/** An error answer's body with `message` (the problem's detail, else its title) and `more_info` (its type) added; else as it was. */
export function withTwilioErrorFields(body: unknown): unknown {
  const text = typeof body === 'string' ? body : undefined;
  let parsed: unknown = body;
  if (text !== undefined) {
    try {
      parsed = JSON.parse(text);
    } catch {
      return body;
    }
  }
  if (!isProblem(parsed)) return body;
  const message = typeof parsed.detail === 'string' && parsed.detail !== '' ? parsed.detail : parsed.title;
  const normalised = { ...parsed, message, more_info: parsed.type };
  return text === undefined ? normalised : JSON.stringify(normalised);
}

interface Problem {
  type: string;
  title: string;
  status: number;
  code: number;
  detail?: unknown;
  message?: unknown;
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Problem>;
  return (
    typeof candidate.type === 'string' &&
    typeof candidate.title === 'string' &&
    typeof candidate.status === 'number' &&
    typeof candidate.code === 'number' &&
    candidate.message === undefined
  );
}
