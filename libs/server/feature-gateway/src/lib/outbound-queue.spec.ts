import { OutboundQueue } from './outbound-queue';

function drainAll(queue: OutboundQueue): string[] {
  const sent: string[] = [];
  queue.drain(
    () => true,
    (json) => sent.push(json),
  );
  return sent;
}

describe('OutboundQueue', () => {
  it('keeps order and counts bytes', () => {
    const queue = new OutboundQueue();
    queue.push('a');
    queue.push('bb');
    expect(queue.bytes).toBe(3);
    expect(drainAll(queue)).toEqual(['a', 'bb']);
    expect(queue.isEmpty).toBe(true);
  });

  it('lets only the newest interim of a segment wait, at its own place in the order', () => {
    const queue = new OutboundQueue();
    queue.push('interim-1', 'c1:s1', true);
    queue.push('call-updated');
    queue.push('interim-2', 'c1:s1', true);
    expect(drainAll(queue)).toEqual(['call-updated', 'interim-2']);
  });

  it('drops a waiting interim when its final arrives, and never drops finals', () => {
    const queue = new OutboundQueue();
    queue.push('interim', 'c1:s1', true);
    queue.push('other-interim', 'c1:s2', true);
    queue.push('final', 'c1:s1', false);
    queue.push('final-again?', 'c1:s1', false);
    expect(drainAll(queue)).toEqual(['other-interim', 'final', 'final-again?']);
    expect(queue.bytes).toBe(0);
  });

  it('stops draining when the socket is congested again and resumes later', () => {
    const queue = new OutboundQueue();
    for (const json of ['1', '2', '3']) queue.push(json);
    const sent: string[] = [];
    let budget = 2;
    queue.drain(
      () => budget-- > 0,
      (json) => sent.push(json),
    );
    expect(sent).toEqual(['1', '2']);
    expect(queue.bytes).toBe(1);
    queue.drain(
      () => true,
      (json) => sent.push(json),
    );
    expect(sent).toEqual(['1', '2', '3']);
  });

  it('does not keep superseded interims behind a reader that never drains', () => {
    const queue = new OutboundQueue();
    for (let version = 0; version < 10_000; version++) queue.push(`interim-${version}`, 'c1:s1', true);
    expect(queue.entryCount).toBeLessThan(200);
    expect(drainAll(queue)).toEqual(['interim-9999']);
  });
});
