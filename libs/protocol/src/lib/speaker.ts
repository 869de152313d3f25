import { guard, oneOf, type Infer } from './schema';

/** Every speaker, in display order. */
export const SPEAKERS = ['caller', 'agent'] as const;

/** Who is speaking in a transcript segment. */
export const SPEAKER = oneOf(SPEAKERS);

/** Who is speaking in a transcript segment. */
export type Speaker = Infer<typeof SPEAKER>;

/** True when `value` names a speaker. */
export const isSpeaker = guard(SPEAKER);
