import { aCallState, aSegment } from '../testing';
import { matchesCallFilter } from './call-filter';

describe('matchesCallFilter', () => {
  const call = aCallState({ agentId: 'agent-7', from: '+15550142' }, [aSegment({ text: 'My parcel has not arrived' })]);

  it('matches on the agent, the caller number or the transcript, ignoring case', () => {
    expect(matchesCallFilter(call, 'AGENT-7')).toBe(true);
    expect(matchesCallFilter(call, '0142')).toBe(true);
    expect(matchesCallFilter(call, 'parcel')).toBe(true);
    expect(matchesCallFilter(call, 'refund')).toBe(false);
  });

  it('needs every word of the query and matches everything when the query is blank', () => {
    expect(matchesCallFilter(call, 'agent-7 parcel')).toBe(true);
    expect(matchesCallFilter(call, 'agent-7 refund')).toBe(false);
    expect(matchesCallFilter(call, '   ')).toBe(true);
  });
});
