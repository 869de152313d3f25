export { type BusLogger, type BusTimers, type RedisEventStreamOptions } from './lib/bus-options';
export { StreamSeqRefused } from './lib/fenced-appender';
export { RedisEventStream } from './lib/redis-event-stream';
export { RedisInstanceLiveness, type RedisInstanceLivenessOptions } from './lib/redis-instance-liveness';
export { NonceStoreUnavailable, RedisNonceStore, type RedisNonceStoreOptions } from './lib/redis-nonce-store';
