/** Who is speaking in a transcript segment. */
export type Speaker = 'caller' | 'agent';

/** Every speaker, in display order. */
export const SPEAKERS: readonly Speaker[] = ['caller', 'agent'];

/** True when `value` names a speaker. */
export function isSpeaker(value: unknown): value is Speaker {
  return value === 'caller' || value === 'agent';
}
