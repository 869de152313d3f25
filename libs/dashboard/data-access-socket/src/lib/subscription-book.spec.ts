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

  it('restores single calls first, with since where known, then every call', () => {
    const book = new SubscriptionBook();
    book.add('*');
    book.add('call-1');
    book.add('call-2');
    const lastSeqs: Record<string, number> = { 'call-1': 12 };
    expect(book.resubscribeMessages((callId) => lastSeqs[callId])).toEqual([
      { type: 'subscribe', callId: 'call-1', since: 12 },
      { type: 'subscribe', callId: 'call-2' },
      { type: 'subscribe', callId: '*' },
    ]);
    expect(book.watchesAllCalls).toBe(true);
    expect(book.watchesCall('*')).toBe(false);
  });
});
