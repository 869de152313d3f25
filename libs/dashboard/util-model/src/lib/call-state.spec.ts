import { aCallState, aSegment } from '../testing';
import { isLiveCall, isSimulatedCall, lastFinalSegment, speakersTalking } from './call-state';

describe('call state helpers', () => {
  it('treats an active call as live only while the server still holds it', () => {
    expect(isLiveCall(aCallState({ status: 'active' }))).toBe(true);
    expect(isLiveCall(aCallState({ status: 'ended' }))).toBe(false);
    expect(isLiveCall(aCallState({ status: 'active' }, [], false))).toBe(false);
  });

  it('finds the last final line, skipping interim segments after it', () => {
    const call = aCallState({}, [
      aSegment({ id: 'u1', text: 'first', startMs: 100 }),
      aSegment({ id: 'u2', text: 'second', speaker: 'agent', startMs: 2000 }),
      aSegment({ id: 'u3', text: 'still talk', isFinal: false, startMs: 4000 }),
    ]);
    expect(lastFinalSegment(call)?.text).toBe('second');
    expect(lastFinalSegment(aCallState())).toBeUndefined();
  });

  it('reports who is talking from open interim segments, and nobody once the call ended', () => {
    const segments = [aSegment({ id: 'u1' }), aSegment({ id: 'u2', speaker: 'agent', isFinal: false, startMs: 5000 })];
    expect(speakersTalking(aCallState({}, segments))).toEqual(['agent']);
    expect(speakersTalking(aCallState({}, [...segments, aSegment({ id: 'u3', isFinal: false, startMs: 6000 })]))).toEqual([
      'caller',
      'agent',
    ]);
    expect(speakersTalking(aCallState({ status: 'ended' }, segments))).toEqual([]);
  });

  it('calls a call simulated when any of its segments is', () => {
    expect(isSimulatedCall(aCallState({}, [aSegment({ simulated: false }), aSegment({ id: 'u2', simulated: true })]))).toBe(true);
    expect(isSimulatedCall(aCallState({}, [aSegment({ simulated: false })]))).toBe(false);
  });
});
