import type { CallInfo } from '@tnt/protocol';

const DATE_AND_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An ISO 8601 time as the reader's local date and time, e.g. `2 Mar 2026, 10:00`; an unparsable value is returned unchanged. */
export function formatDateAndTime(isoTime: string): string {
  const time = new Date(isoTime);
  return Number.isNaN(time.getTime()) ? isoTime : DATE_AND_TIME.format(time);
}

/** Who talked to whom, e.g. `agent-1 with +15550100`. */
export function callTitle(call: Pick<CallInfo, 'agentId' | 'from'>): string {
  return `${call.agentId} with ${call.from ?? 'an unknown caller'}`;
}

/**
 * A call's status in words: `Live`, `Ended` with its reason (e.g. `Ended (caller hangup)`), or, for
 * an active call the server no longer holds (`heldByServer` false), `No longer on the server`.
 */
export function callStatusText(call: Pick<CallInfo, 'status' | 'endReason'>, heldByServer = true): string {
  if (call.status === 'active') return heldByServer ? 'Live' : 'No longer on the server';
  return call.endReason ? `Ended (${call.endReason.replace(/-/g, ' ')})` : 'Ended';
}

/** `1 line` / `12 lines`. */
export function lineCount(count: number): string {
  return `${count} ${count === 1 ? 'line' : 'lines'}`;
}
