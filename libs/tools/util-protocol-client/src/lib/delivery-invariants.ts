import type { CallEventMessage, ServerMessage, SnapshotMessage, TranscriptSegment } from '@tnt/protocol';

/** One message a client received, on its `connection`-th connection (a client that resumes has several). */
export interface ReceivedMessage {
  readonly connection: number;
  readonly message: ServerMessage;
}

/** Everything one logical client received, over all its connections, in arrival order. */
export interface ClientRecord {
  readonly name: string;
  readonly received: readonly ReceivedMessage[];
  /** The calls this client must have followed to their end (default: every call of `storedFinals`). */
  readonly calls?: readonly string[];
}

/** What the server holds, against which every client is checked. */
export interface DeliveryExpectations {
  /** Each call's stored final segments (`GET /api/calls/:id/transcript`), in order. */
  readonly storedFinals: ReadonlyMap<string, readonly TranscriptSegment[]>;
}

/** What one client has made of one call so far. */
interface CallView {
  lastSeq: number;
  finals: TranscriptSegment[];
  endedAtSeq: number | undefined;
}

/** What kind of event a seq of a call was, as any client saw it. */
type SeqKind = 'interim' | 'final' | 'call' | 'other';

/** A message numbered in its call's seq: every one with a `seq` but the snapshot (calls, transcripts, and kinds added later). */
const isCallEvent = (message: ServerMessage): message is CallEventMessage =>
  message.type !== 'snapshot' && typeof (message as { seq?: unknown }).seq === 'number';
const callIdOf = (message: CallEventMessage | SnapshotMessage): string => (message.type === 'call' ? message.call.id : message.callId);
/** Interims alone may be skipped by a replay from the log; every other kind missed is a gap. */
const kindOf = (event: CallEventMessage): SeqKind =>
  event.type === 'call' ? 'call' : event.type === 'transcript' ? (event.transcript.isFinal ? 'final' : 'interim') : 'other';

/** A value as canonical JSON (object keys sorted at every level), so stored, replayed and live copies compare by value. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)))
      : field,
  );
}

/**
 * Checks the delivery guarantees of the protocol for every client, and returns each broken one as a
 * sentence naming the client, the call and the seq (an empty list when all hold):
 * - per call, `seq`s strictly increase across everything the client received, reconnections
 *   included (no duplicate, no reordering; a snapshot never goes back);
 * - nothing of a call arrives after its `ended` event;
 * - no silent gap: when a client's seqs jump, no final or call event that any client saw lies in
 *   the jump, unless a snapshot (after `recovered: false`) brought the client level first;
 * - the client's finals (a snapshot's, then each live final) equal the stored transcript, and it
 *   saw the call end;
 * - no seq of a call carries two different events, whichever clients received them (a seq reused);
 * - no two stored finals of a call share a segment id (a dashboard keys its lines by it).
 */
export function deliveryViolations(clients: readonly ClientRecord[], expectations: DeliveryExpectations): string[] {
  const violations: string[] = [];
  for (const [callId, finals] of expectations.storedFinals) {
    const ids = new Set<string>();
    for (const { id } of finals) {
      if (ids.has(id)) violations.push(`call ${callId}: segment id ${id} names two stored finals (an id reused, e.g. by a new owner)`);
      ids.add(id);
    }
  }
  const seen = seqKindsSeen(clients, violations);
  for (const client of clients) {
    const views = new Map<string, CallView>();
    const viewOf = (callId: string): CallView => {
      let view = views.get(callId);
      if (!view) views.set(callId, (view = { lastSeq: 0, finals: [], endedAtSeq: undefined }));
      return view;
    };
    const report = (callId: string, what: string) => violations.push(`${client.name}, call ${callId}: ${what}`);
    for (const { connection, message } of client.received) {
      if (message.type === 'snapshot') {
        const view = viewOf(message.callId);
        if (view.endedAtSeq !== undefined && message.seq > view.endedAtSeq) {
          report(message.callId, `snapshot at seq ${message.seq} after the call ended at ${view.endedAtSeq}`);
        }
        if (message.seq < view.lastSeq) report(message.callId, `snapshot at seq ${message.seq} goes back from ${view.lastSeq}`);
        view.lastSeq = Math.max(view.lastSeq, message.seq);
        view.finals = message.transcript.filter((segment) => segment.isFinal);
        if (message.call.status === 'ended') view.endedAtSeq ??= message.seq;
        continue;
      }
      if (!isCallEvent(message)) continue;
      const callId = callIdOf(message);
      const view = viewOf(callId);
      if (view.endedAtSeq !== undefined) {
        report(
          callId,
          `${message.type} seq ${message.seq} arrived after the call ended at seq ${view.endedAtSeq} (connection ${connection})`,
        );
        continue;
      }
      if (message.seq <= view.lastSeq) {
        report(callId, `seq ${message.seq} after seq ${view.lastSeq}: not strictly increasing (connection ${connection})`);
        continue;
      }
      const skipped = [...(seen.get(callId) ?? new Map<number, SeqKind>())]
        .filter(([seq, kind]) => seq > view.lastSeq && seq < message.seq && kind !== 'interim')
        .map(([seq, kind]) => `${kind} ${seq}`);
      if (skipped.length > 0) report(callId, `silent gap from seq ${view.lastSeq} to ${message.seq}: missed ${skipped.join(', ')}`);
      view.lastSeq = message.seq;
      if (message.type === 'transcript' && message.transcript.isFinal) view.finals.push(message.transcript);
      if (message.type === 'call' && message.event === 'ended') view.endedAtSeq = message.seq;
    }
    for (const callId of client.calls ?? [...expectations.storedFinals.keys()]) {
      const stored = expectations.storedFinals.get(callId);
      const view = views.get(callId);
      if (!stored) report(callId, 'no stored transcript to compare with');
      else if (!view) report(callId, 'received nothing of the call');
      else {
        if (view.endedAtSeq === undefined) report(callId, `never saw the call end (last seq ${view.lastSeq})`);
        const difference = firstDifference(view.finals, stored);
        if (difference) report(callId, difference);
      }
    }
  }
  return violations;
}

/** Where the client's finals first differ from the stored ones, or `undefined` when they are equal. */
function firstDifference(received: readonly TranscriptSegment[], stored: readonly TranscriptSegment[]): string | undefined {
  const length = Math.max(received.length, stored.length);
  for (let index = 0; index < length; index++) {
    const got = received[index] && canonical(received[index]);
    const kept = stored[index] && canonical(stored[index]);
    if (got !== kept) {
      return (
        `finals differ from the stored transcript at #${index} (received ${received.length}, stored ${stored.length}): ` +
        `received ${got ?? 'nothing'}, stored ${kept ?? 'nothing'}`
      );
    }
  }
  return undefined;
}

/** Per call, the kind of every seq any client received as an event; a seq seen with two different events is reported. */
function seqKindsSeen(clients: readonly ClientRecord[], violations: string[]): Map<string, Map<number, SeqKind>> {
  const seen = new Map<string, Map<number, SeqKind>>();
  const first = new Map<string, { client: string; json: string }>();
  for (const client of clients) {
    for (const { message } of client.received) {
      if (!isCallEvent(message)) continue;
      const callId = callIdOf(message);
      let kinds = seen.get(callId);
      if (!kinds) seen.set(callId, (kinds = new Map()));
      kinds.set(message.seq, kindOf(message));
      const key = `${callId}\u0000${message.seq}`;
      const json = canonical(message);
      const earlier = first.get(key);
      if (!earlier) first.set(key, { client: client.name, json });
      else if (earlier.json !== json) {
        const which = `${earlier.client} got ${earlier.json}, ${client.name} got ${json}`;
        violations.push(`call ${callId}: seq ${message.seq} carried two different events: ${which}`);
      }
    }
  }
  return seen;
}
