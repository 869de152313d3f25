import type { CallState } from './call-state';

/**
 * True when every word of `query` appears (case-insensitively) in the call's agent, numbers, id,
 * transcript (as shown or as the engine wrote it: `raw`, so "$29" and "twenty nine" both match) or
 * the names of its alerts; an empty query matches every call.
 */
export function matchesCallFilter(call: CallState, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    call.info.agentId,
    call.info.from ?? '',
    call.info.to ?? '',
    call.info.id,
    ...(call.alerts ?? []).map((alert) => alert.name),
    ...call.segments.flatMap((segment) => (segment.raw === undefined ? [segment.text] : [segment.text, segment.raw])),
  ]
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}
