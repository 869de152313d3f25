import type {
  AlertInsight,
  AssistInsight,
  CallInfo,
  SentimentInsight,
  Speaker,
  TalkMetricsInsight,
  TranscriptSegment,
} from '@tnt/protocol';

/** What the dashboard knows about one call: its details and its transcript so far. */
export interface CallState {
  readonly info: CallInfo;
  /** Final and interim segments in conversation order (see {@link compareSegments}). */
  readonly segments: readonly TranscriptSegment[];
  /**
   * False once the server said it no longer holds the call (unknown id, evicted, or missing
   * from the list after a reconnect); what is on screen is then all there will be.
   */
  readonly heldByServer: boolean;
  /** Alerts raised in the call so far, in the order they were raised (absent: none). */
  readonly alerts?: readonly AlertInsight[];
  /** The latest talk-metrics reading of the call (absent: none yet). */
  readonly metrics?: TalkMetricsInsight;
  /** Agent-assist cards raised in the call so far, in the order they were raised (absent: none). */
  readonly assists?: readonly AssistInsight[];
  /** The caller's lexicon-based sentiment readings so far, the latest 60 (absent: none). */
  readonly callerSentiment?: readonly SentimentInsight[];
}

/** True while the call is going on as far as the dashboard can tell. */
export function isLiveCall(call: CallState): boolean {
  return call.info.status === 'active' && call.heldByServer;
}

/** The newest final segment (latest in conversation order), if any. */
export function lastFinalSegment(call: CallState): TranscriptSegment | undefined {
  for (let index = call.segments.length - 1; index >= 0; index--) {
    if (call.segments[index].isFinal) return call.segments[index];
  }
  return undefined;
}

/** Speakers with an interim segment still open, i.e. talking right now; empty once the call ended. */
export function speakersTalking(call: CallState): Speaker[] {
  if (!isLiveCall(call)) return [];
  const talking = new Set<Speaker>();
  for (const segment of call.segments) if (!segment.isFinal) talking.add(segment.speaker);
  return (['caller', 'agent'] as const).filter((speaker) => talking.has(speaker));
}

/** True when any segment of the call was scripted by a simulation rather than heard. */
export function isSimulatedCall(call: CallState): boolean {
  return call.segments.some((segment) => segment.simulated);
}

/** The names of the alerts raised in the call, each once, in the order first raised. */
export function alertNames(call: CallState): string[] {
  return [...new Set((call.alerts ?? []).map((alert) => alert.name))];
}
