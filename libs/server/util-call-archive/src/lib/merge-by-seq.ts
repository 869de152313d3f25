import type { CallEventMessage } from '@tnt/protocol';

/** Two seq-ordered lists of a call's stored events (call events, final segments) merged into one. */
export function mergeBySeq(first: CallEventMessage[], second: CallEventMessage[]): CallEventMessage[] {
  const merged: CallEventMessage[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    if (j >= second.length || (i < first.length && first[i].seq < second[j].seq)) merged.push(first[i++]);
    else merged.push(second[j++]);
  }
  return merged;
}
