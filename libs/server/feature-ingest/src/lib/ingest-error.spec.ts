import { INGEST_ERROR_CODES, policyViolation, unsupportedData } from './ingest-error';

describe('IngestError', () => {
  it('maps format problems to 1003 and rule breaks to 1008', () => {
    expect(unsupportedData(INGEST_ERROR_CODES.UNSUPPORTED_RATE, 'x').closeCode).toBe(1003);
    expect(policyViolation(INGEST_ERROR_CODES.DUPLICATE_START, 'x').closeCode).toBe(1008);
  });

  it('starts the close reason with the code and keeps it within the 123 bytes a close frame allows', () => {
    const error = policyViolation(INGEST_ERROR_CODES.INVALID_MESSAGE, `a field named ${'é'.repeat(200)} is wrong`);
    expect(error.closeReason.startsWith('INGEST_INVALID_MESSAGE: a field named')).toBe(true);
    expect(Buffer.byteLength(error.closeReason)).toBeLessThanOrEqual(123);
  });
});
