// v3 error bodies through twilio-node's own RestException, and v3's X-RateLimit-Reset in the retry policy.
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { ApiError, errorText, NotFoundError, toCliError, withRestExceptionFields } from '../../src/lib/errors.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, serverWaitSeconds } from '../../src/lib/retry.js';

const v3Body = (status: number, code: number, message: string, params: Record<string, string>, userError = status < 500) => ({
  code,
  message,
  httpStatusCode: status,
  userError,
  params: { twilioErrorCodeUrl: `https://www.twilio.com/docs/errors/${code}`, ...params },
});

/** What the SDK throws for this answer, after the HTTP client's translation (or without it). */
function thrown(status: number, body: unknown, translate = true): unknown {
  const response = { statusCode: status, body, headers: {} };
  return new twilio.RestException(translate ? withRestExceptionFields(response) : response);
}

describe('v3 error bodies', () => {
  it('become one line with the code, the link and the params the message does not name', () => {
    const body = v3Body(400, 20001, 'Invalid displayName: too long', { field: 'displayName', limit: '128' });
    const error = toCliError(thrown(400, body));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ exitCode: 1, code: 20001, status: 400, moreInfo: 'https://www.twilio.com/docs/errors/20001' });
    expect(errorText(error)).toBe(
      'Invalid displayName: too long [limit: 128] (Twilio error 20001: https://www.twilio.com/docs/errors/20001)',
    );
  });

  it('lose the link and the params in the SDK alone (the reason for the translation)', () => {
    const error = toCliError(thrown(400, v3Body(400, 20001, 'Invalid rules', { field: 'rules[0].operators' }), false));
    expect(error.moreInfo).toBeUndefined();
    expect(errorText(error)).toBe('Invalid rules (Twilio error 20001)');
  });

  it('keep the exit code by status, and say so when Twilio calls it its own failure', () => {
    expect(toCliError(thrown(404, v3Body(404, 20404, 'Conversation x was not found', {})))).toBeInstanceOf(NotFoundError);
    expect(toCliError(thrown(401, v3Body(401, 20003, 'Authenticate', {}))).exitCode).toBe(3);
    const internal = toCliError(thrown(500, v3Body(500, 20500, 'Internal error', {})));
    expect(internal.hint).toContain('failure on its side');
    expect(toCliError(thrown(400, v3Body(400, 20001, 'Bad', {}))).hint).toBeUndefined();
  });

  it('leave v2 bodies and successful answers untouched', () => {
    const v2 = { code: 20404, message: 'not found', more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 };
    expect(withRestExceptionFields({ statusCode: 404, body: v2 }).body).toBe(v2);
    const ok = { statusCode: 200, body: { code: 1, message: 'x', httpStatusCode: 200 } };
    expect(withRestExceptionFields(ok)).toBe(ok);
  });
});

describe("the server's wait", () => {
  const now = Date.parse('2026-01-10T10:00:00Z');

  it('is Retry-After when given, else a v3 429 X-RateLimit-Reset in seconds or as an epoch second', () => {
    expect(serverWaitSeconds(429, { retryAfter: '2', rateLimitReset: '9' }, now)).toBe('2');
    expect(serverWaitSeconds(429, { rateLimitReset: '3' }, now)).toBe('3');
    expect(serverWaitSeconds(429, { rateLimitReset: String(now / 1000 + 4) }, now)).toBe('4');
    expect(serverWaitSeconds(429, { rateLimitReset: String(now / 1000 - 30) }, now)).toBe('0');
    expect(serverWaitSeconds(200, { rateLimitReset: '3' }, now)).toBeUndefined();
    expect(serverWaitSeconds(429, { rateLimitReset: 'soon' }, now)).toBeUndefined();
    expect(serverWaitSeconds(429, {}, now)).toBeUndefined();
  });

  it('decides the delay, capped by the policy', () => {
    const wait = serverWaitSeconds(429, { rateLimitReset: '3' }, now);
    expect(retryDelayMs(0, DEFAULT_RETRY_POLICY, wait, () => 0)).toBe(3000);
    const far = serverWaitSeconds(429, { rateLimitReset: String(now / 1000 + 3600) }, now);
    expect(retryDelayMs(0, DEFAULT_RETRY_POLICY, far)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});
