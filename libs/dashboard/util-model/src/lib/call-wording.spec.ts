import { callStatusText, callTitle, formatDateAndTime, lineCount } from './call-wording';

describe('call wording', () => {
  it('names the call by agent and caller, and says when the caller is unknown', () => {
    expect(callTitle({ agentId: 'agent-2', from: '+15550102' })).toBe('agent-2 with +15550102');
    expect(callTitle({ agentId: 'agent-2' })).toBe('agent-2 with an unknown caller');
  });

  it('says whether a call is live, how it ended, or that the server no longer holds it', () => {
    expect(callStatusText({ status: 'active' })).toBe('Live');
    expect(callStatusText({ status: 'ended', endReason: 'caller-hangup' })).toBe('Ended (caller hangup)');
    expect(callStatusText({ status: 'ended' })).toBe('Ended');
    expect(callStatusText({ status: 'active' }, false)).toBe('No longer on the server');
    expect(callStatusText({ status: 'ended' }, false)).toBe('Ended');
  });

  it('counts lines in words and shows a time in the reader’s own format', () => {
    expect(lineCount(1)).toBe('1 line');
    expect(lineCount(12)).toBe('12 lines');
    const time = '2026-03-02T10:05:00.000Z';
    expect(formatDateAndTime(time)).toContain('2026');
    expect(formatDateAndTime(time)).not.toContain('T10:05');
    expect(formatDateAndTime('not a time')).toBe('not a time');
  });
});
