/**
 * A final segment's row key packs its call's number and its `seq`: `key = number × 2^24 + seq`.
 * That keeps every segment of a call in one contiguous key range (replays and exports are range
 * scans, with no secondary index to update on each write) and stays within JavaScript's safe
 * integers for 2^29 calls. The price is a ceiling of 2^24 − 1 events per call.
 */
export const SEQ_LIMIT = 2 ** 24;

/** The row key of the segment with `seq` in call `callNumber`. */
export function segmentKey(callNumber: number, seq: number): number {
  if (!Number.isInteger(seq) || seq <= 0 || seq >= SEQ_LIMIT) {
    throw new RangeError(`segment seq ${seq} is outside 1..${SEQ_LIMIT - 1}`);
  }
  return callNumber * SEQ_LIMIT + seq;
}

/** The call number and seq a key was made from. */
export function splitSegmentKey(key: number): { callNumber: number; seq: number } {
  return { callNumber: Math.floor(key / SEQ_LIMIT), seq: key % SEQ_LIMIT };
}

/** Keys strictly after `afterSeq` in call `callNumber`: `lower < key < upper`. */
export function keysAfter(callNumber: number, afterSeq: number): { lower: number; upper: number } {
  return { lower: callNumber * SEQ_LIMIT + Math.max(0, afterSeq), upper: (callNumber + 1) * SEQ_LIMIT };
}
