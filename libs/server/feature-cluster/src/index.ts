export { ClusterCallEventStore } from './lib/cluster-call-event-store';
export {
  CLUSTER_LIVENESS,
  CLUSTER_LOG,
  CLUSTER_STREAM,
  ClusterMembership,
  ClusterModule,
  type ClusterModuleOptions,
} from './lib/cluster.module';
export { FirehoseFeed, type FeedRetry } from './lib/firehose-feed';
export { OrphanedCallReaper } from './lib/orphaned-call-reaper';
export { OrphanedCallsModule, type OrphanedCallsModuleOptions } from './lib/orphaned-calls.module';
