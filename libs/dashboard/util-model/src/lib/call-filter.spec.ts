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

  it('matches a formatted transcript by what is shown and by the words the engine wrote', () => {
    const formatted = aCallState({}, [
      aSegment({ text: 'I paid $29 on March 4th.', raw: 'i paid twenty nine dollars on the fourth of march' }),
    ]);
    expect(matchesCallFilter(formatted, '$29')).toBe(true);
    expect(matchesCallFilter(formatted, 'twenty nine')).toBe(true);
    expect(matchesCallFilter(formatted, 'fifth of march')).toBe(false);
  });

  it('needs every word of the query and matches everything when the query is blank', () => {
    expect(matchesCallFilter(call, 'agent-7 parcel')).toBe(true);
    expect(matchesCallFilter(call, 'agent-7 refund')).toBe(false);
    expect(matchesCallFilter(call, '   ')).toBe(true);
  });
});
