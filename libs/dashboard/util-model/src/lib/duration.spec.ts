import { aCallInfo } from '../testing';
import { callDurationMs, formatDuration, formatTimeOfDay } from './duration';

describe('durations and times', () => {
  it('formats durations as m:ss below an hour and h:mm:ss above', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_900)).toBe('0:07');
    expect(formatDuration(725_000)).toBe('12:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5_000)).toBe('0:00');
  });

  it('measures a live call up to now and an ended call up to its end', () => {
    const live = aCallInfo({ startedAt: '2026-03-02T10:00:00.000Z' });
    expect(callDurationMs(live, Date.parse('2026-03-02T10:01:05.000Z'))).toBe(65_000);
    const ended = aCallInfo({ startedAt: '2026-03-02T10:00:00.000Z', endedAt: '2026-03-02T10:00:42.000Z', status: 'ended' });
    expect(callDurationMs(ended, Date.parse('2026-03-02T11:00:00.000Z'))).toBe(42_000);
  });

  it('formats a time of day in local time and leaves garbage unchanged', () => {
    const local = new Date(2026, 2, 2, 9, 5, 7);
    expect(formatTimeOfDay(local.toISOString())).toBe('09:05:07');
    expect(formatTimeOfDay('not a time')).toBe('not a time');
  });
});
