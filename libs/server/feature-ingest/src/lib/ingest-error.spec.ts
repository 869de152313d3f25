import { ingestError, INGEST_ERROR_CODES } from './ingest-error';

describe('ingestError', () => {
  it('closes format problems with 1003, broken rules with 1008 and server failures with 1011', () => {
    expect(ingestError(INGEST_ERROR_CODES.UNSUPPORTED_RATE, 'x').closeCode).toBe(1003);
    expect(ingestError(INGEST_ERROR_CODES.DUPLICATE_START, 'x').closeCode).toBe(1008);
    expect(ingestError(INGEST_ERROR_CODES.ENGINE_UNAVAILABLE, 'x', new Error('engine down')).closeCode).toBe(1011);
    expect(ingestError(INGEST_ERROR_CODES.UNAVAILABLE, 'x').closeCode).toBe(1001);
  });

  it('starts the close reason with the code and keeps it within the 123 bytes a close frame allows', () => {
    const error = ingestError(INGEST_ERROR_CODES.INVALID_MESSAGE, `a field named ${'é'.repeat(200)} is wrong`);
    expect(error.closeReason.startsWith('INGEST_INVALID_MESSAGE: a field named')).toBe(true);
    expect(Buffer.byteLength(error.closeReason)).toBeLessThanOrEqual(123);
  });

  it('keeps the server-side cause for the log', () => {
    const cause = new Error('disk full');
    expect(ingestError(INGEST_ERROR_CODES.STORE_UNAVAILABLE, 'the call could not be stored', cause).cause).toBe(cause);
  });
});
