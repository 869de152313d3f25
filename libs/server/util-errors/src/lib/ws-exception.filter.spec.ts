import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ERROR_CODES, TntError, type ErrorMessage } from '@tnt/protocol';
import type { WebSocket } from 'ws';
import { SocketExceptionFilter, type SocketErrorChannel } from './ws-exception.filter';

function deliver(exception: unknown): { sent: ErrorMessage[]; closed: [number, string][] } {
  const sent: ErrorMessage[] = [];
  const closed: [number, string][] = [];
  const socket = { close: (code: number, reason: string) => closed.push([code, reason]) } as unknown as WebSocket;
  const channel: SocketErrorChannel = { connectionIdOf: () => 'conn-1', sendError: (_socket, message) => sent.push(message) };
  const host = { switchToWs: () => ({ getClient: () => socket }) } as unknown as ArgumentsHost;
  new SocketExceptionFilter(channel).catch(exception, host);
  return { sent, closed };
}

describe('SocketExceptionFilter', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers with an error message naming the call and keeps the connection open', () => {
    const { sent, closed } = deliver(new TntError(ERROR_CODES.CALL_NOT_FOUND, 'call x is not known', { callId: 'x' }));
    expect(sent).toEqual([
      { type: 'error', code: 'CALL_NOT_FOUND', message: 'call x is not known', timestamp: expect.any(String), callId: 'x' },
    ]);
    expect(closed).toEqual([]);
  });

  it('closes after the message when the error carries a close code', () => {
    const { sent, closed } = deliver(new TntError(ERROR_CODES.MESSAGE_TOO_LARGE, 'frame of 2000 bytes exceeds the limit'));
    expect(sent.map((message) => message.code)).toEqual(['MESSAGE_TOO_LARGE']);
    expect(closed).toEqual([[1009, 'MESSAGE_TOO_LARGE']]);
  });

  it('reports an unexpected failure as INTERNAL_ERROR naming the connection, and logs it', () => {
    const { sent } = deliver(new Error('boom'));
    expect(sent[0]).toMatchObject({ code: 'INTERNAL_ERROR', message: 'the server failed to handle the message (connection conn-1)' });
    expect(Logger.prototype.error).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });
});
