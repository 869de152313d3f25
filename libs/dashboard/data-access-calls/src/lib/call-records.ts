import {
  isAlertInsight,
  isTalkMetricsInsight,
  isAssistInsight,
  type AlertInsight,
  type AssistInsight,
  type CallInfo,
  type Insight,
  type InsightMessage,
  type SnapshotMessage,
  type TalkMetricsInsight,
  type TranscriptMessage,
} from '@tnt/protocol';
import { callerReadingsOf, orderSegments, upsertSegment, withCallerReading, type CallState } from '@tnt/dashboard/util-model';

/** The store's state: every call it knows, by id. Pure functions below produce the next state. */
export type CallRecords = ReadonlyMap<string, CallState>;

function withCall(records: CallRecords, call: CallState): CallRecords {
  const next = new Map(records);
  next.set(call.info.id, call);
  return next;
}

/** A call's details without the server's bookkeeping `lastSeq`. */
function details(info: CallInfo): CallInfo {
  const copy = { ...info };
  delete copy.lastSeq;
  return copy;
}

/**
 * Applies new call details. A call with the same id but another start time is a different call
 * (an id reused after a server restart), so its transcript starts empty.
 */
export function applyCallInfo(records: CallRecords, info: CallInfo): CallRecords {
  const known = records.get(info.id);
  const sameCall = known !== undefined && known.info.startedAt === info.startedAt;
  return withCall(records, {
    info: details(info),
    segments: sameCall ? known.segments : [],
    heldByServer: true,
    ...(sameCall && known.alerts ? { alerts: known.alerts } : {}),
    ...(sameCall && known.metrics ? { metrics: known.metrics } : {}),
    ...(sameCall && known.assists ? { assists: known.assists } : {}),
    ...(sameCall && known.callerSentiment ? { callerSentiment: known.callerSentiment } : {}),
  });
}

function alertsOf(insights: readonly Insight[] | undefined): AlertInsight[] {
  return (insights ?? []).filter(isAlertInsight);
}

/** The reading to show of two: the closing one, else the one furthest into the call (a replay brings nothing older). */
function latestReading(known: TalkMetricsInsight | undefined, reading: TalkMetricsInsight): TalkMetricsInsight {
  if (!known) return reading;
  if (known.final) return known;
  return reading.final || reading.asOfMs >= known.asOfMs ? reading : known;
}

function assistsOf(insights: readonly Insight[] | undefined): AssistInsight[] {
  return (insights ?? []).filter(isAssistInsight);
}

/**
 * Applies an insight: an alert is added to the call's alerts once, an assist card to its assists
 * once, a caller's sentiment reading to its readings once (a replay brings nothing new); a
 * talk-metrics reading replaces the call's metrics when it is newer. Kinds the dashboard does not
 * show change nothing.
 */
export function applyInsight(records: CallRecords, message: InsightMessage): CallRecords {
  const known = records.get(message.callId);
  const insight = message.insight;
  if (!known) return records;
  if (isTalkMetricsInsight(insight)) {
    const metrics = latestReading(known.metrics, insight);
    return metrics === known.metrics ? records : withCall(records, { ...known, metrics });
  }
  if (isAssistInsight(insight)) {
    if (known.assists?.some((assist) => assist.id === insight.id)) return records;
    return withCall(records, { ...known, assists: [...(known.assists ?? []), insight] });
  }
  const callerSentiment = withCallerReading(known.callerSentiment, insight);
  if (callerSentiment !== known.callerSentiment) return withCall(records, { ...known, callerSentiment });
  if (!isAlertInsight(insight) || known.alerts?.some((alert) => alert.id === insight.id)) return records;
  return withCall(records, { ...known, alerts: [...(known.alerts ?? []), insight] });
}

/** Applies a transcript segment: an interim or final replaces the segment with its id in place. */
export function applyTranscript(records: CallRecords, message: TranscriptMessage): CallRecords {
  const known = records.get(message.callId);
  if (!known) {
    // A segment of a call whose details have not arrived yet (its snapshot is on the way).
    return records;
  }
  return withCall(records, { ...known, segments: upsertSegment(known.segments, message.transcript) });
}

/** A snapshot is the whole call: it replaces the details and the transcript. */
export function applySnapshot(records: CallRecords, snapshot: SnapshotMessage): CallRecords {
  const alerts = alertsOf(snapshot.insights);
  const metrics = (snapshot.insights ?? [])
    .filter(isTalkMetricsInsight)
    .reduce<TalkMetricsInsight | undefined>((latest, reading) => latestReading(latest, reading), undefined);
  const assists = assistsOf(snapshot.insights);
  const callerSentiment = callerReadingsOf(snapshot.insights);
  return withCall(records, {
    info: details(snapshot.call),
    segments: orderSegments(snapshot.transcript),
    heldByServer: true,
    ...(alerts.length > 0 ? { alerts } : {}),
    ...(metrics ? { metrics } : {}),
    ...(assists.length > 0 ? { assists } : {}),
    ...(callerSentiment ? { callerSentiment } : {}),
  });
}

/**
 * Takes the server's list of calls it holds (the answer to `'*'`): listed calls get their current
 * details; live calls it no longer lists (gone while the dashboard was away) stop counting as live.
 */
export function applyHeldCalls(records: CallRecords, calls: readonly CallInfo[]): CallRecords {
  let next = records;
  const listed = new Set(calls.map((call) => call.id));
  for (const call of calls) next = applyCallInfo(next, call);
  for (const [id, call] of records) {
    if (!listed.has(id) && call.heldByServer && call.info.status === 'active') next = markNotHeld(next, id);
  }
  return next;
}

/** The server does not hold this call (any more); what is shown is all there is. */
export function markNotHeld(records: CallRecords, callId: string): CallRecords {
  const known = records.get(callId);
  return known ? withCall(records, { ...known, heldByServer: false }) : records;
}

/**
 * Keeps at most `keep` ended calls (the most recently ended) besides those `isFollowed` says a
 * view shows; returns the ids dropped too.
 */
export function pruneEndedCalls(
  records: CallRecords,
  keep: number,
  isFollowed: (callId: string) => boolean = () => false,
): { records: CallRecords; dropped: string[] } {
  const ended = [...records.values()]
    .filter((call) => (call.info.status === 'ended' || !call.heldByServer) && !isFollowed(call.info.id))
    .sort((left, right) => endTime(right) - endTime(left));
  const dropped = ended.slice(keep).map((call) => call.info.id);
  if (dropped.length === 0) return { records, dropped };
  const next = new Map(records);
  for (const id of dropped) next.delete(id);
  return { records: next, dropped };
}

/** When the call ended (or started, when the end is not known), for ordering. */
export function endTime(call: CallState): number {
  return Date.parse(call.info.endedAt ?? call.info.startedAt);
}
