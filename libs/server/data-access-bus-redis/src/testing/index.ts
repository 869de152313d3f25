export { callEvent, transcriptEvent } from './call-events';
export { deleteKeysWithPrefix, freePort, RedisServerProcess } from './redis-server-process';
export { ManualTimers } from './manual-timers';
export { RecordingMetrics } from './recording-metrics';
