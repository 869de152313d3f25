import { SubscriptionBook } from './subscription-book';

describe('SubscriptionBook', () => {
  it('tells the server only about the first watcher and the last release', () => {
    const book = new SubscriptionBook();
    expect(book.add('call-1')).toBe(true);
    expect(book.add('call-1')).toBe(false);
    expect(book.remove('call-1')).toBe(false);
    expect(book.watchesCall('call-1')).toBe(true);
    expect(book.remove('call-1')).toBe(true);
    expect(book.watchesCall('call-1')).toBe(false);
    expect(book.remove('call-1')).toBe(false);
  });

  it('restores single calls first, with since where known, then every call as the feed builds it', () => {
    const book = new SubscriptionBook();
    book.add('*');
    book.add('call-1');
    book.add('call-2');
    const lastSeqs: Record<string, number> = { 'call-1': 12 };
    const allCalls = () => ({ type: 'subscribe', callId: '*', since: { 'call-9': 3 } }) as const;
    expect(book.resubscribeMessages((callId) => lastSeqs[callId], allCalls)).toEqual([
      { type: 'subscribe', callId: 'call-1', since: 12 },
      { type: 'subscribe', callId: 'call-2' },
      { type: 'subscribe', callId: '*', since: { 'call-9': 3 } },
    ]);
    expect(book.watchesAllCalls).toBe(true);
    expect(book.watchesCall('*')).toBe(false);
  });

  it('says whether anyone watches anything, for the pages that need live updates', () => {
    const book = new SubscriptionBook();
    expect(book.watchesAnything).toBe(false);
    book.add('*');
    expect(book.watchesAnything).toBe(true);
    book.remove('*');
    expect(book.watchesAnything).toBe(false);
  });
});
