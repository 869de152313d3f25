import { aCallState, anAssist } from '../testing';
import { assistDismissalKey, visibleAssists } from './assist-cards';

describe('assist cards on the agent screen', () => {
  const first = anAssist();
  const second = anAssist({ id: 'u3:assist:tracking', cardId: 'tracking', title: 'Tracking a parcel' });
  const call = { ...aCallState({ id: 'demo-1' }), assists: [first, second] };

  it('shows the newest card first', () => {
    expect(visibleAssists(call, new Set()).map((assist) => assist.cardId)).toEqual(['tracking', 'refunds']);
  });

  it('hides a card dismissed in this call only', () => {
    const dismissed = new Set([assistDismissalKey('demo-1', second)]);
    expect(visibleAssists(call, dismissed).map((assist) => assist.cardId)).toEqual(['refunds']);
    const otherCall = { ...call, info: { ...call.info, id: 'demo-2' } };
    expect(visibleAssists(otherCall, dismissed)).toHaveLength(2);
  });

  it('shows nothing for a call without cards', () => {
    expect(visibleAssists(aCallState({ id: 'demo-3' }), new Set())).toEqual([]);
  });
});
