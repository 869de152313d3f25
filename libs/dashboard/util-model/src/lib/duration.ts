import type { CallInfo } from '@tnt/protocol';

/** Formats a length of time as `m:ss`, or `h:mm:ss` from one hour; negative values count as 0. */
export function formatDuration(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** How long the call has run at `nowMs`, or ran in total once it ended. */
export function callDurationMs(call: CallInfo, nowMs: number): number {
  const end = call.endedAt ? Date.parse(call.endedAt) : nowMs;
  return end - Date.parse(call.startedAt);
}

/** Formats an ISO 8601 time as the local `hh:mm:ss`; an unparsable value is returned unchanged. */
export function formatTimeOfDay(isoTime: string): string {
  const time = new Date(isoTime);
  if (Number.isNaN(time.getTime())) return isoTime;
  return [time.getHours(), time.getMinutes(), time.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}
