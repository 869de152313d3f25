import { aCallInfo, aSegment } from '../testing';
import { isLowConfidence, formatConfidence } from './confidence';
import { transcriptAsText, transcriptFileName } from './transcript-text';

describe('transcript as text', () => {
  it('writes a header and one line per segment with offset, speaker and an interim mark', () => {
    const call = aCallInfo({ id: 'demo-3', agentId: 'agent-2', from: '+15550103' });
    const text = transcriptAsText(call, [
      aSegment({ id: 'u1', speaker: 'agent', text: 'Thanks for calling.', startMs: 700, simulated: false }),
      aSegment({ id: 'u2', speaker: 'caller', text: 'Hi, I was', startMs: 65_000, isFinal: false, simulated: false }),
    ]);
    expect(text.split('\n')).toEqual([
      'Call demo-3',
      'Agent: agent-2',
      'Caller: +15550103',
      `Started: ${call.startedAt}`,
      '',
      '[0:00] Agent: Thanks for calling.',
      '[1:05] Caller: Hi, I was (interim)',
      '',
    ]);
  });

  it('says when the transcript is simulated and how the call ended', () => {
    const call = aCallInfo({ status: 'ended', endedAt: '2026-03-02T10:05:00.000Z', endReason: 'completed' });
    const text = transcriptAsText(call, [aSegment({ simulated: true })]);
    expect(text).toContain('Ended: 2026-03-02T10:05:00.000Z (completed)');
    expect(text).toContain('Note: simulated transcript');
  });

  it('names the file after the call id with unsafe characters replaced', () => {
    expect(transcriptFileName(aCallInfo({ id: 'CA12/34 x' }))).toBe('transcript-CA12_34_x.txt');
  });

  it('marks segments below 0.6 confidence as low and formats confidence as a percentage', () => {
    expect(isLowConfidence(aSegment({ confidence: 0.59 }))).toBe(true);
    expect(isLowConfidence(aSegment({ confidence: 0.6 }))).toBe(false);
    expect(isLowConfidence(aSegment({ confidence: 0, isFinal: false }))).toBe(false);
    expect(formatConfidence(0.457)).toBe('46%');
  });
});
