import { Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { ERROR_CODES, TntError } from '@tnt/protocol';
import { HttpExceptionFilter } from './http-exception.filter';

interface Answer {
  status?: number;
  body?: unknown;
  headers: Record<string, string>;
}

function answerTo(exception: unknown): Answer {
  const answer: Answer = { headers: {} };
  const response = {
    setHeader: (name: string, value: string) => (answer.headers[name] = value),
    status(status: number) {
      answer.status = status;
      return { json: (body: unknown) => (answer.body = body) };
    },
  };
  const request = { method: 'GET', originalUrl: '/api/calls' };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return answer;
}

describe('HttpExceptionFilter', () => {
  it('answers a TntError with its code, message and the status from the error table', () => {
    expect(answerTo(new TntError(ERROR_CODES.CALL_NOT_FOUND, 'call x is not in the history'))).toEqual({
      status: 404,
      body: { code: 'CALL_NOT_FOUND', message: 'call x is not in the history' },
      headers: {},
    });
  });

  it('adds Retry-After when the error says when to retry', () => {
    const answer = answerTo(new TntError(ERROR_CODES.RATE_LIMITED, 'too many login attempts', { retryAfterSeconds: 30 }));
    expect(answer).toMatchObject({ status: 429, headers: { 'Retry-After': '30' } });
  });

  it("turns the framework's own 4xx into VALIDATION_FAILED with the framework's status", () => {
    expect(answerTo(new NotFoundException('Cannot GET /api/nope'))).toEqual({
      status: 404,
      body: { code: 'VALIDATION_FAILED', message: 'Cannot GET /api/nope' },
      headers: {},
    });
  });

  it('logs an unexpected failure with its stack and answers 500 with only an incident id', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const answer = answerTo(new Error('disk on fire'));
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      code: 'INTERNAL_ERROR',
      message: expect.stringMatching(/^the server failed; incident [0-9a-f-]{36} is in its log$/),
    });
    expect(JSON.stringify(answer.body)).not.toContain('disk on fire');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('disk on fire'));
    logged.mockRestore();
  });
});
