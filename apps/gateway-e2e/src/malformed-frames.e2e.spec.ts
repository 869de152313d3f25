import { ERROR_CODES, type CallEventMessage, type ErrorCode, type ErrorMessage } from '@tnt/protocol';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { ofType, TestClient } from './support/test-client';

/** Frames a careless or hostile client might send, and the code each must be answered with. */
const MALFORMED_FRAMES: [string, string | Buffer, ErrorCode][] = [
  ['plain text', 'hello there', ERROR_CODES.INVALID_JSON],
  ['truncated JSON', '{"type":"subscribe","callId":', ERROR_CODES.INVALID_JSON],
  ['empty text frame', '', ERROR_CODES.INVALID_JSON],
  ['a JSON number', '42', ERROR_CODES.INVALID_MESSAGE],
  ['a JSON array', '[{"type":"ping"}]', ERROR_CODES.INVALID_MESSAGE],
  ['JSON null', 'null', ERROR_CODES.INVALID_MESSAGE],
  ['an object without type', '{"callId":"x"}', ERROR_CODES.INVALID_MESSAGE],
  ['a numeric type', '{"type":7}', ERROR_CODES.INVALID_MESSAGE],
  ['an unknown type', '{"type":"dance"}', ERROR_CODES.UNKNOWN_MESSAGE_TYPE],
  ['a prototype key as type', '{"type":"__proto__"}', ERROR_CODES.UNKNOWN_MESSAGE_TYPE],
  ['a server-only type', '{"type":"transcript","callId":"x"}', ERROR_CODES.UNKNOWN_MESSAGE_TYPE],
  ['subscribe without callId', '{"type":"subscribe"}', ERROR_CODES.VALIDATION_FAILED],
  ['subscribe with a numeric callId', '{"type":"subscribe","callId":12}', ERROR_CODES.VALIDATION_FAILED],
  ['since as a string', '{"type":"subscribe","callId":"x","since":"5"}', ERROR_CODES.VALIDATION_FAILED],
  ['negative since', '{"type":"subscribe","callId":"x","since":-1}', ERROR_CODES.VALIDATION_FAILED],
  ['fractional since', '{"type":"subscribe","callId":"x","since":1.5}', ERROR_CODES.VALIDATION_FAILED],
  ['callId with spaces', '{"type":"subscribe","callId":"a b"}', ERROR_CODES.VALIDATION_FAILED],
  ['callId too long', JSON.stringify({ type: 'subscribe', callId: 'x'.repeat(200) }), ERROR_CODES.VALIDATION_FAILED],
  ['ping with an object id', '{"type":"ping","id":{"a":1}}', ERROR_CODES.VALIDATION_FAILED],
  ['unsubscribe without subscription', '{"type":"unsubscribe","callId":"never"}', ERROR_CODES.NOT_SUBSCRIBED],
  ['subscribe to an unknown call', '{"type":"subscribe","callId":"no-such-call"}', ERROR_CODES.CALL_NOT_FOUND],
  ['a binary frame', Buffer.from('{"type":"ping"}'), ERROR_CODES.BINARY_NOT_SUPPORTED],
];

function seqsAreContiguous(events: CallEventMessage[]): boolean {
  const byCall = new Map<string, number[]>();
  for (const event of events) {
    const callId = event.type === 'call' ? event.call.id : event.callId;
    byCall.set(callId, [...(byCall.get(callId) ?? []), event.seq]);
  }
  return [...byCall.values()].every((seqs) => seqs.every((seq, index) => index === 0 || seq === seqs[index - 1] + 1));
}

describe('UI socket: malformed input', () => {
  let gateway: GatewayProcess;
  let bystander: TestClient;

  beforeAll(async () => {
    gateway = await startGateway({ TNT_DEMO: '1', TNT_DEMO_CALLS: '2', TNT_DEMO_SPEED: '4', TNT_MAX_FRAME_BYTES: '1024' });
    bystander = await TestClient.connect(gateway.wsUrl);
    bystander.send({ type: 'subscribe', callId: '*' });
    await bystander.waitFor(ofType('subscribed'));
    await bystander.waitFor(ofType('transcript'));
  });
  afterAll(async () => {
    bystander.socket.terminate();
    await gateway.stop();
  });

  it(`answers each of ${MALFORMED_FRAMES.length} malformed frames with its code and keeps the connection`, async () => {
    const client = await TestClient.connect(gateway.wsUrl);
    await client.waitFor(ofType('status'));
    for (const [description, frame, code] of MALFORMED_FRAMES) {
      client.socket.send(frame);
      const error = await client.next(ofType('error'));
      expect({ description, code: error.code }).toEqual({ description, code });
      expect(error.message.length).toBeGreaterThan(0);
      expect(Date.parse(error.timestamp)).not.toBeNaN();
    }
    client.send({ type: 'ping', id: 'still-alive' });
    expect((await client.next(ofType('pong'))).id).toBe('still-alive');
    client.socket.terminate();
  });

  it('answers a frame over the limit with MESSAGE_TOO_LARGE, then closes with 1009', async () => {
    const client = await TestClient.connect(gateway.wsUrl);
    client.send({ type: 'ping', id: 'x'.repeat(2000) });
    const error = await client.waitFor((message): message is ErrorMessage => message.type === 'error');
    expect(error.code).toBe(ERROR_CODES.MESSAGE_TOO_LARGE);
    expect((await client.closed).code).toBe(1009);
  });

  it('closes with 1009 when a frame is far beyond the limit', async () => {
    const client = await TestClient.connect(gateway.wsUrl);
    client.socket.send('x'.repeat(1024 * 8));
    expect((await client.closed).code).toBe(1009);
  });

  it('kept feeding the bystander every event without a gap meanwhile', async () => {
    const eventCount = () => bystander.messages.filter((message) => message.type === 'transcript' || message.type === 'call').length;
    while (eventCount() <= 10) await bystander.next(ofType('transcript'));
    // Insights (a final's sentiment, say) are call events too, numbered in the same sequence.
    const events = bystander.messages.filter(
      (message): message is CallEventMessage => message.type === 'transcript' || message.type === 'call' || message.type === 'insight',
    );
    expect(events.length).toBeGreaterThan(10);
    expect(seqsAreContiguous(events)).toBe(true);
    bystander.send({ type: 'ping', id: 'bystander' });
    expect((await bystander.next(ofType('pong'))).id).toBe('bystander');
  });
});
