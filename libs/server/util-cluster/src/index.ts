export { type ClusterCallLog, type ClusterEventStream, type InstanceLiveness, type OwnedCall } from './lib/cluster-ports';
export { CallAlreadyStored, CallOwnershipLost, LogUnreachable } from './lib/ownership-errors';
