export { LIMIT_ERROR_CODES } from './lib/limit-errors';
export { TokenBucket } from './lib/token-bucket';
export { type KeyedTake, KeyedTokenBuckets } from './lib/keyed-token-buckets';
export { type FloodDecision, MessageFloodGuard, type MessageFloodLimits } from './lib/message-flood-guard';
export { type ConnectionAdmission, type ConnectionLease, ConnectionLimiter, type ConnectionQuota } from './lib/connection-limiter';
export { SubscriptionQuota } from './lib/subscription-quota';
export { DEFAULT_MAX_JSON_DEPTH, exceedsJsonDepth } from './lib/json-depth';
export { applyConnectionTimeouts, type ConnectionTimeouts, type DeadlineTimer, nodeDeadlineTimer } from './lib/connection-timeouts';
