import { isRejectedFrame, parseServerFrame } from './server-frame';

describe('parseServerFrame', () => {
  it('reads a well-formed greeting as a server message', () => {
    const greeting = { type: 'status', status: 'connected', protocolVersion: 1, heartbeatIntervalMs: 30000, connectionId: 'c-1' };
    expect(parseServerFrame(JSON.stringify(greeting))).toEqual(greeting);
  });

  it('names the field at fault when a message breaks its schema', () => {
    const frame = { type: 'status', status: 'connected', protocolVersion: 1, connectionId: 'c-1' };
    expect(parseServerFrame(JSON.stringify(frame))).toEqual({
      problem: 'a malformed server message',
      detail: { issue: 'heartbeatIntervalMs must be an integer of at least 1', frame },
    });
  });

  it('rejects binary frames and text that is not JSON', () => {
    expect(isRejectedFrame(parseServerFrame(new ArrayBuffer(2)))).toBe(true);
    expect(parseServerFrame('{"type":')).toMatchObject({ problem: 'a frame that is not JSON' });
  });
});
