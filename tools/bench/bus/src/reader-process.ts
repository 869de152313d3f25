/**
 * One reader instance of the bus benchmark, in a process of its own like a gateway instance:
 * reads the firehose, checks that each call's seqs follow one another, and measures publish →
 * receive from the `sentAt` annotation the publisher stamps.
 */
import { RedisEventStream } from '@tnt/server/data-access-bus-redis';
import { callIdOf } from '@tnt/protocol';
import { monotonicMs, type FromReader, type ToReader } from './bus-protocol';

let stream: RedisEventStream | undefined;
const lastSeq = new Map<string, number>();
let received = 0;
let outOfOrder = 0;
let latenciesMs: number[] = [];

function send(message: FromReader): void {
  process.send?.(message);
}

process.on('message', (message: ToReader) => {
  if (message.type === 'start') {
    stream = new RedisEventStream({ url: message.url, keyPrefix: message.keyPrefix, instanceId: message.instanceId });
    stream.onEvent((event) => {
      const now = monotonicMs();
      received++;
      const callId = callIdOf(event);
      if ((lastSeq.get(callId) ?? 0) + 1 !== event.seq) outOfOrder++;
      lastSeq.set(callId, event.seq);
      const sentAt = event.type === 'transcript' ? event.transcript.annotations?.['sentAt'] : undefined;
      if (typeof sentAt === 'number') latenciesMs.push(now - sentAt);
    });
    void stream.start().then(() => send({ type: 'ready' }));
  } else {
    send({ type: 'counts', received, outOfOrder, latenciesMs });
    received = 0;
    latenciesMs = [];
  }
});

process.on('disconnect', () => {
  void stream?.close().then(() => process.exit(0));
});
