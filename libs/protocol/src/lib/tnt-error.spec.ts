import { CLOSE_CODES } from './close-codes';
import { ERROR_CODE_ANSWERS, ERROR_CODES } from './error-codes';
import { TntError } from './tnt-error';

describe('TntError', () => {
  it('takes its HTTP status and close code from the table beside ERROR_CODES', () => {
    const tooLarge = new TntError(ERROR_CODES.MESSAGE_TOO_LARGE, 'frame of 2000 bytes exceeds the limit of 1024 bytes');
    expect({ httpStatus: tooLarge.httpStatus, closeCode: tooLarge.closeCode }).toEqual({ httpStatus: 413, closeCode: 1009 });
    const notFound = new TntError(ERROR_CODES.CALL_NOT_FOUND, 'call x is not known', { callId: 'x' });
    expect({ httpStatus: notFound.httpStatus, closeCode: notFound.closeCode }).toEqual({ httpStatus: 404, closeCode: undefined });
  });

  it('closes when asked even for a code that usually leaves the connection open', () => {
    const flood = new TntError(ERROR_CODES.RATE_LIMITED, 'too many messages; closing', { closeCode: CLOSE_CODES.POLICY_VIOLATION });
    expect(flood.closeCode).toBe(1008);
  });

  it('becomes an error message with the call it concerns, stamped by the given clock', () => {
    const error = new TntError(ERROR_CODES.NOT_SUBSCRIBED, 'not subscribed to x', { callId: 'x' });
    expect(error.toMessage(new Date('2026-01-01T00:00:00Z'))).toEqual({
      type: 'error',
      code: 'NOT_SUBSCRIBED',
      message: 'not subscribed to x',
      timestamp: '2026-01-01T00:00:00.000Z',
      callId: 'x',
    });
    expect(error.toBody()).toEqual({ code: 'NOT_SUBSCRIBED', message: 'not subscribed to x' });
  });

  it('cuts its close reason to the 123 bytes a close frame allows, counting UTF-8 bytes', () => {
    const error = new TntError(ERROR_CODES.INGEST_INVALID_MESSAGE, `start.customParameters.agentId must be ${'é'.repeat(200)}`);
    expect(error.closeReason.startsWith('INGEST_INVALID_MESSAGE: start.customParameters')).toBe(true);
    expect(Buffer.byteLength(error.closeReason)).toBeLessThanOrEqual(123);
    expect(Buffer.byteLength(error.closeReason)).toBeGreaterThan(120);
  });

  it('has an answer for every code, and every ingest code closes the stream', () => {
    for (const code of Object.values(ERROR_CODES)) {
      expect(ERROR_CODE_ANSWERS[code].httpStatus).toBeGreaterThanOrEqual(400);
      if (code.startsWith('INGEST_')) expect(ERROR_CODE_ANSWERS[code].closeCode).toBeDefined();
    }
  });
});
