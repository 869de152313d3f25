import { ERROR_CODES, type TntError } from '@tnt/protocol';
import { parseFrame, REJECTED_FRAME_EVENT } from './frame-parser';
import { SubscribeDto } from './inbound-messages.dto';

function rejection(frame: unknown, limit = 1024): TntError {
  const routed = parseFrame(frame, limit);
  expect(routed.event).toBe(REJECTED_FRAME_EVENT);
  return routed.data as TntError;
}

describe('parseFrame', () => {
  it('routes a valid subscribe to its handler as a validated DTO', () => {
    const routed = parseFrame('{"type":"subscribe","callId":"CA12","since":4,"extra":true}', 1024);
    expect(routed.event).toBe('subscribe');
    expect(routed.data).toBeInstanceOf(SubscribeDto);
    expect(routed.data).toEqual(Object.assign(new SubscribeDto(), { type: 'subscribe', callId: 'CA12', since: 4 }));
  });

  it('rejects binary frames, naming the reason', () => {
    expect(rejection(Buffer.from('{"type":"ping"}')).code).toBe(ERROR_CODES.BINARY_NOT_SUPPORTED);
  });

  it('rejects a frame over the limit with a close code of 1009', () => {
    const error = rejection(JSON.stringify({ type: 'ping', id: 'x'.repeat(2000) }));
    expect(error.code).toBe(ERROR_CODES.MESSAGE_TOO_LARGE);
    expect(error.closeCode).toBe(1009);
  });

  it('counts the limit in bytes, not characters', () => {
    const multibyte = JSON.stringify({ type: 'ping', id: 'é'.repeat(120) });
    expect(multibyte.length).toBeLessThan(256);
    expect(rejection(multibyte, 256).code).toBe(ERROR_CODES.MESSAGE_TOO_LARGE);
  });

  it('names the message type and field when validation fails', () => {
    const error = rejection('{"type":"subscribe","callId":"x","since":"7"}');
    expect(error.code).toBe(ERROR_CODES.VALIDATION_FAILED);
    expect(error.message).toMatch(/^subscribe: since must be an integer from 0 to \d+, or for callId "\*"/);
  });

  it('does not treat inherited object keys as message types', () => {
    expect(rejection('{"type":"constructor"}').code).toBe(ERROR_CODES.UNKNOWN_MESSAGE_TYPE);
  });

  it('accepts ping with a numeric or string id and without one', () => {
    for (const frame of ['{"type":"ping"}', '{"type":"ping","id":3}', '{"type":"ping","id":"a"}']) {
      expect(parseFrame(frame, 1024).event).toBe('ping');
    }
  });
});
