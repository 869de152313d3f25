import { validate } from './schema';
import {
  callIdOf,
  isCallEventMessage,
  isErrorMessage,
  isServerMessage,
  isStatusMessage,
  isTranscriptMessage,
  SERVER_MESSAGE,
  type StatusMessage,
  type TranscriptMessage,
} from './server-messages';

const transcript: TranscriptMessage = {
  type: 'transcript',
  callId: 'call-1',
  seq: 4,
  transcript: {
    id: 'caller-1',
    text: 'hello',
    speaker: 'caller',
    confidence: 0.9,
    timestamp: '2026-01-01T00:00:00.000Z',
    isFinal: true,
    startMs: 0,
    endMs: 500,
    engine: 'scripted',
    simulated: true,
  },
};

describe('server message guards', () => {
  it('accepts a well-formed transcript message and finds its call', () => {
    expect(isTranscriptMessage(transcript)).toBe(true);
    expect(isServerMessage(transcript)).toBe(true);
    expect(isCallEventMessage(transcript)).toBe(true);
    expect(callIdOf(transcript)).toBe('call-1');
  });

  it('rejects a transcript whose speaker is not caller or agent', () => {
    const wrong = { ...transcript, transcript: { ...transcript.transcript, speaker: 'robot' } };
    expect(isTranscriptMessage(wrong)).toBe(false);
  });

  it('accepts a formatted transcript with the raw engine words beside it, and only a string as raw', () => {
    const formatted = { ...transcript, transcript: { ...transcript.transcript, text: 'It takes 5 days.', raw: 'it takes five days' } };
    expect(validate(SERVER_MESSAGE, formatted)).toEqual({ ok: true, value: formatted });
    const wrong = { ...transcript, transcript: { ...transcript.transcript, raw: 5 } };
    expect(validate(SERVER_MESSAGE, wrong)).toMatchObject({ ok: false, message: 'transcript.raw must be a string' });
  });

  it('rejects unknown types and non-objects', () => {
    expect(isServerMessage({ type: 'hello' })).toBe(false);
    expect(isServerMessage({ type: 'toString' })).toBe(false);
    expect(isServerMessage('status')).toBe(false);
    expect(isServerMessage(null)).toBe(false);
  });

  it('finds the call of a call event from its call object', () => {
    const started = {
      type: 'call' as const,
      event: 'started' as const,
      seq: 1,
      call: { id: 'call-9', agentId: 'agent-1', startedAt: '2026-01-01T00:00:00.000Z', status: 'active' as const },
    };
    expect(isServerMessage(started)).toBe(true);
    expect(callIdOf(started)).toBe('call-9');
  });

  it("carries the conversation's language on the call, a tag of 1 to 35 characters", () => {
    const call = { id: 'call-9', agentId: 'agent-1', startedAt: '2026-01-01T00:00:00.000Z', status: 'active' as const };
    const started = (language: unknown) => ({ type: 'call', event: 'started', seq: 1, call: { ...call, language } });
    expect(isCallEventMessage(started('es-ES'))).toBe(true);
    expect(validate(SERVER_MESSAGE, started(''))).toMatchObject({ ok: false, path: 'call.language' });
    expect(validate(SERVER_MESSAGE, started('x'.repeat(36)))).toMatchObject({ ok: false, path: 'call.language' });
    expect(validate(SERVER_MESSAGE, started(42))).toMatchObject({ ok: false, path: 'call.language' });
  });
});

describe('status variants', () => {
  it('requires what each status carries', () => {
    const connected = { type: 'status', status: 'connected', protocolVersion: 1, heartbeatIntervalMs: 15000, connectionId: 'c-1' };
    expect(isStatusMessage(connected)).toBe(true);
    expect(validate(SERVER_MESSAGE, { ...connected, connectionId: undefined })).toMatchObject({ ok: false, path: 'connectionId' });
    expect(isStatusMessage({ type: 'status', status: 'disconnecting', reason: 'server shutting down' })).toBe(true);
    expect(validate(SERVER_MESSAGE, { type: 'status', status: 'disconnecting' })).toMatchObject({ ok: false, path: 'reason' });
    expect(validate(SERVER_MESSAGE, { type: 'status', status: 'asleep' })).toMatchObject({ ok: false, path: 'status' });
  });

  it('narrows by status so a connected greeting has its heartbeat interval', () => {
    const message: StatusMessage = {
      type: 'status',
      status: 'connected',
      protocolVersion: 1,
      heartbeatIntervalMs: 400,
      connectionId: 'c-2',
    };
    const interval = message.status === 'connected' ? message.heartbeatIntervalMs : undefined;
    expect(interval).toBe(400);
  });
});

describe('error messages', () => {
  it('accepts only the documented codes', () => {
    const error = { type: 'error', code: 'CALL_NOT_FOUND', message: 'call x is not known', timestamp: '2026-01-01T00:00:00.000Z' };
    expect(isErrorMessage(error)).toBe(true);
    expect(isErrorMessage({ ...error, code: 'SOMETHING_ELSE' })).toBe(false);
  });
});
