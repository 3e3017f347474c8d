import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthError,
  CliError,
  ExitCode,
  NotFoundError,
  UsageError,
  WaitError,
  errorText,
  httpStatusOf,
  toCliError,
} from '../../src/lib/errors.js';

describe('exit-code mapping', () => {
  it.each([
    [new UsageError('x'), 2],
    [new AuthError('x'), 3],
    [new NotFoundError('x'), 4],
    [new WaitError('x'), 5],
    [new ApiError('x'), 1],
  ])('%s keeps its exit code', (error, code) => {
    expect(toCliError(error).exitCode).toBe(code);
  });

  it('maps Twilio RestExceptions by status and keeps code and more_info', () => {
    const rest = (status: number) =>
      Object.assign(new Error('boom'), { status, code: 20000 + status, moreInfo: `https://www.twilio.com/docs/errors/${20000 + status}` });
    expect(toCliError(rest(401)).exitCode).toBe(ExitCode.auth);
    expect(toCliError(rest(403)).exitCode).toBe(ExitCode.auth);
    expect(toCliError(rest(404)).exitCode).toBe(ExitCode.notFound);
    const conflict = toCliError(rest(409));
    expect(conflict).toBeInstanceOf(ApiError);
    expect(conflict).toMatchObject({ exitCode: 1, code: 20409, moreInfo: 'https://www.twilio.com/docs/errors/20409' });
  });

  it('explains a refused connection as unreachable API with a hint', () => {
    const error = toCliError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('could not reach the API');
    expect(error.hint).toContain('emulator');
  });

  it('wraps anything else as a generic failure', () => {
    const error = toCliError(new TypeError('bad'));
    expect(error).toBeInstanceOf(CliError);
    expect(error.exitCode).toBe(1);
  });
});

describe('httpStatusOf and errorText', () => {
  it('reads the status of a RestException-like error or a CliError, and nothing else', () => {
    expect(httpStatusOf({ status: 412, message: 'x', code: 20412 })).toBe(412);
    expect(httpStatusOf(new ApiError('x', { status: 409 }))).toBe(409);
    expect(httpStatusOf({ status: '404' })).toBeUndefined();
    expect(httpStatusOf(null)).toBeUndefined();
    expect(httpStatusOf('404')).toBeUndefined();
  });

  it("puts a message on one line with Twilio's code and link", () => {
    expect(errorText(new NotFoundError('not\n  found', { code: 20404, moreInfo: 'https://www.twilio.com/docs/errors/20404' }))).toBe(
      'not found (Twilio error 20404: https://www.twilio.com/docs/errors/20404)',
    );
    expect(errorText(new ApiError('boom', { code: 20500 }))).toBe('boom (Twilio error 20500)');
    expect(errorText(new ApiError('boom'))).toBe('boom');
  });
});
