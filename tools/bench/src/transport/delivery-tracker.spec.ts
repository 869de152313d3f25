import { DeliveryTracker } from './delivery-tracker';

const everyCall = () => true;

describe('DeliveryTracker', () => {
  it('accounts a complete in-order stream as nothing lost', () => {
    const tracker = new DeliveryTracker();
    for (let seq = 1; seq <= 50; seq++) tracker.received('a', seq);
    expect(tracker.account({ a: 50 }, everyCall)).toEqual({ expected: 50, received: 50, lost: 0, duplicates: 0, outOfOrder: 0 });
    expect(tracker.hasAll({ a: 50 }, everyCall)).toBe(true);
  });

  it('counts skipped seqs as lost and the tail that never came as lost too', () => {
    const tracker = new DeliveryTracker();
    for (const seq of [1, 2, 5, 6]) tracker.received('a', seq);
    expect(tracker.account({ a: 8 }, everyCall)).toMatchObject({ expected: 8, received: 4, lost: 4 });
    expect(tracker.hasAll({ a: 8 }, everyCall)).toBe(false);
  });

  it('recovers a seq that arrives late and counts it out of order, and counts repeats as duplicates', () => {
    const tracker = new DeliveryTracker();
    for (const seq of [1, 3, 2, 3, 4]) tracker.received('a', seq);
    expect(tracker.account({ a: 4 }, everyCall)).toEqual({ expected: 4, received: 4, lost: 0, duplicates: 1, outOfOrder: 1 });
  });

  it('expects only the calls the connection watches, and all of a watched call it never heard from', () => {
    const tracker = new DeliveryTracker();
    tracker.received('mine', 1);
    const account = tracker.account({ mine: 1, other: 9, silent: 3 }, (callId) => callId !== 'other');
    expect(account).toMatchObject({ expected: 4, received: 1, lost: 3 });
  });
});
