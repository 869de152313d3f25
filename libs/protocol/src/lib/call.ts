/** Lifecycle state of a call. */
export type CallStatus = 'active' | 'ended';

/** What happened to a call in a `call` event. */
export type CallEventKind = 'started' | 'updated' | 'ended';

/**
 * Why a call ended. `engine-unavailable` and `store-unavailable` end a call whose start failed part-way
 * (a speaker's speech-to-text stream could not be opened, or its start could not be stored), so it never
 * stays active.
 */
export type CallEndReason =
  | 'completed'
  | 'caller-hangup'
  | 'disconnected'
  | 'shutdown'
  | 'interrupted'
  | 'error'
  | 'engine-unavailable'
  | 'store-unavailable';

/** A call as clients see it. Times are ISO 8601. */
export interface CallInfo {
  id: string;
  agentId: string;
  /** Caller's number or address, when known. */
  from?: string;
  /** Dialled number or address, when known. */
  to?: string;
  startedAt: string;
  endedAt?: string;
  status: CallStatus;
  endReason?: CallEndReason;
  /** The call's newest event number at the time this object was made. */
  lastSeq?: number;
}

/** True when `value` has the required fields of a {@link CallInfo}. */
export function isCallInfo(value: unknown): value is CallInfo {
  if (typeof value !== 'object' || value === null) return false;
  const call = value as Partial<CallInfo>;
  return (
    typeof call.id === 'string' &&
    typeof call.agentId === 'string' &&
    typeof call.startedAt === 'string' &&
    (call.status === 'active' || call.status === 'ended')
  );
}
